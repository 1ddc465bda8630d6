package dev.reve.openai.batches;

import com.squareup.moshi.JsonAdapter;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.spi.Json;
import java.util.Objects;

/**
 * One line of a batch input file, {@code {"custom_id", "method", "url", "body"}}: a chat
 * completion request and the id its answer comes back under. OpenAI's Batch API, vLLM's offline
 * batch runner and Together read this shape.
 *
 * @param customId unique within the file; the answer carries it
 * @param method {@code POST}
 * @param url the endpoint, {@value BatchService#CHAT_COMPLETIONS}
 * @param body the request, as it would be sent on its own
 */
public record BatchInputLine(
    @com.squareup.moshi.Json(name = "custom_id") String customId, String method, String url, ChatRequest body) {

  /** The most characters a custom id may have (OpenAI's limit). */
  public static final int MAX_CUSTOM_ID = 512;

  private static final JsonAdapter<BatchInputLine> ADAPTER = Json.MOSHI.adapter(BatchInputLine.class);

  /** Requires every part. */
  public BatchInputLine {
    Json.requireText(customId, "customId");
    if (customId.length() > MAX_CUSTOM_ID) {
      throw new IllegalArgumentException(
          "custom_id is " + customId.length() + " characters, over " + MAX_CUSTOM_ID + ": use shorter ids");
    }
    Json.requireText(method, "method");
    Json.requireText(url, "url");
    Objects.requireNonNull(body, "body");
    if (body.stream().orElse(false)) {
      throw new IllegalArgumentException("a batch line cannot stream; build the request without stream");
    }
  }

  /** A chat completion line. */
  public static BatchInputLine chat(String customId, ChatRequest body) {
    return new BatchInputLine(customId, "POST", BatchService.CHAT_COMPLETIONS, body);
  }

  /** The line as compact JSON, without the line break. */
  public String toJson() {
    return ADAPTER.toJson(this);
  }

  /** This line as a batch input file holds it: its JSON in UTF-8 and a newline. */
  public byte[] toJsonLine() {
    return Json.toJsonLine(this);
  }

  /**
   * Reads a line.
   *
   * @param lineNumber for the message, counted from 1
   * @throws MalformedBatchLineException when it is not such a line
   */
  public static BatchInputLine parse(String line, long lineNumber) {
    return BatchLines.parse(ADAPTER, line, lineNumber, "an input line {custom_id, method, url, body}");
  }
}
