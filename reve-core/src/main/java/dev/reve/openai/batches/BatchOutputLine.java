package dev.reve.openai.batches;

import com.squareup.moshi.JsonAdapter;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.spi.Json;
import java.util.Map;
import java.util.Optional;

/**
 * One line of a batch output or error file, {@code {"id", "custom_id", "response": {"status_code",
 * "request_id", "body"}, "error"}}: the answer to the input line with the same {@code custom_id},
 * or why there is none.
 *
 * @param id the line's own id
 * @param customId the input line's id
 * @param response the HTTP answer, when the request ran
 * @param error why the request did not run, when it did not
 */
public record BatchOutputLine(
    Optional<String> id,
    @com.squareup.moshi.Json(name = "custom_id") String customId,
    Optional<Response> response,
    Optional<LineError> error) {

  private static final JsonAdapter<BatchOutputLine> ADAPTER = Json.MOSHI.adapter(BatchOutputLine.class);
  private static final JsonAdapter<ChatCompletion> COMPLETION = Json.MOSHI.adapter(ChatCompletion.class);

  /** Normalises absent values. */
  public BatchOutputLine {
    customId = customId == null ? "" : customId;
  }

  /**
   * The HTTP answer to one line.
   *
   * @param statusCode the HTTP status
   * @param requestId the request id, as {@code x-request-id} would carry it
   * @param body the JSON body: a chat completion for 200, OpenAI's error envelope otherwise
   */
  public record Response(
      @com.squareup.moshi.Json(name = "status_code") Integer statusCode,
      @com.squareup.moshi.Json(name = "request_id") Optional<String> requestId,
      Map<String, Object> body) {
    /** Normalises absent values. */
    public Response {
      statusCode = Json.zero(statusCode);
      body = body == null ? Map.of() : body;
    }

    /** Whether the status is 2xx. */
    public boolean ok() {
      return statusCode >= 200 && statusCode < 300;
    }
  }

  /**
   * Why a line has no answer.
   *
   * @param code the error code, such as {@code batch_expired}
   * @param message what happened
   */
  public record LineError(String code, String message) {
    /** Normalises absent values. */
    public LineError {
      code = code == null ? "" : code;
      message = message == null ? "" : message;
    }
  }

  /** A successful line: {@code response} with status 200 and a body. */
  public boolean succeeded() {
    return error.isEmpty() && response.map(Response::ok).orElse(false);
  }

  /** The chat completion of a successful line. */
  public Optional<ChatCompletion> chatCompletion() {
    if (!succeeded()) {
      return Optional.empty();
    }
    ChatCompletion completion;
    try {
      completion = COMPLETION.fromJsonValue(response.get().body());
    } catch (RuntimeException e) {
      throw new MalformedBatchLineException(customId, "does not hold a chat completion: " + e.getMessage(), e);
    }
    if (completion == null) {
      throw new MalformedBatchLineException(customId, "has an empty body", null);
    }
    return Optional.of(completion);
  }

  /** What went wrong with a line that did not succeed, in one sentence; empty for a success. */
  public Optional<String> failure() {
    if (succeeded()) {
      return Optional.empty();
    }
    if (error.isPresent()) {
      return Optional.of(error.get().message() + (error.get().code().isEmpty() ? "" : " (" + error.get().code() + ")"));
    }
    if (response.isEmpty()) {
      return Optional.of("the line has neither a response nor an error");
    }
    Response r = response.get();
    Object err = r.body().get("error");
    String message = err instanceof Map<?, ?> m && m.get("message") != null ? String.valueOf(m.get("message")) : "no message";
    return Optional.of("HTTP " + r.statusCode() + ": " + message);
  }

  /** The line as compact JSON, without the line break. */
  public String toJson() {
    return ADAPTER.toJson(this);
  }

  /**
   * Reads a line.
   *
   * @param lineNumber for the message, counted from 1
   * @throws MalformedBatchLineException when it is not such a line
   */
  public static BatchOutputLine parse(String line, long lineNumber) {
    BatchOutputLine parsed =
        BatchLines.parse(ADAPTER, line, lineNumber, "an output line {id, custom_id, response, error}");
    if (parsed.customId().isEmpty()) {
      throw new MalformedBatchLineException(lineNumber, "has no custom_id");
    }
    return parsed;
  }

}
