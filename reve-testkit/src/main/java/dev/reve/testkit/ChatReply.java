package dev.reve.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import mockwebserver3.MockResponse;

/**
 * What the emulator answers to one chat completion: text with a finish reason, a refusal, an
 * OpenAI error, or any raw response. The same reply is rendered as a JSON completion or as a
 * server-sent event stream, whichever the request asked for. Immutable.
 *
 * <pre>{@code
 * ChatReply.text("The house is you.").usage(420, 80).requestId("req-1");
 * ChatReply.truncated("It began with a");          // finish_reason length
 * ChatReply.refusal("I can't help with that.");    // message.refusal, finish_reason stop
 * ChatReply.contentFilter("");                     // finish_reason content_filter
 * ChatReply.error(429, "You exceeded your current quota.", "insufficient_quota", "insufficient_quota");
 * }</pre>
 */
public final class ChatReply {
  private final String content;
  private final String refusal;
  private final String finishReason;
  private final Integer promptTokens;
  private final Integer completionTokens;
  private final String requestId;
  private final List<String> pieces;
  private final MockResponse raw;

  private ChatReply(
      String content,
      String refusal,
      String finishReason,
      Integer promptTokens,
      Integer completionTokens,
      String requestId,
      List<String> pieces,
      MockResponse raw) {
    this.content = content;
    this.refusal = refusal;
    this.finishReason = finishReason;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
    this.requestId = requestId;
    this.pieces = pieces;
    this.raw = raw;
  }

  /** A finished answer ({@code finish_reason: stop}). */
  public static ChatReply text(String content) {
    return new ChatReply(Objects.requireNonNull(content, "content"), null, "stop", null, null, null, null, null);
  }

  /** An answer cut off at the token limit ({@code finish_reason: length}). */
  public static ChatReply truncated(String partial) {
    return text(partial).finishReason("length");
  }

  /** A refusal: no content, {@code message.refusal} set, {@code finish_reason: stop}. */
  public static ChatReply refusal(String refusal) {
    return new ChatReply(null, Objects.requireNonNull(refusal, "refusal"), "stop", null, null, null, null, null);
  }

  /** An answer stopped by the content filter ({@code finish_reason: content_filter}). */
  public static ChatReply contentFilter(String partial) {
    return text(partial).finishReason("content_filter");
  }

  /** An OpenAI error response instead of a completion. */
  public static ChatReply error(int status, String message, String type, String code) {
    return raw(Replies.error(status, message, type, code));
  }

  /** Exactly this response, whatever the request asked for. */
  public static ChatReply raw(MockResponse response) {
    return new ChatReply(null, null, null, null, null, null, null, Objects.requireNonNull(response, "response"));
  }

  /** The same reply with another finish reason. */
  public ChatReply finishReason(String reason) {
    return new ChatReply(content, refusal, Objects.requireNonNull(reason, "reason"), promptTokens,
        completionTokens, requestId, pieces, raw);
  }

  /**
   * The same reply with this usage; without it the emulator estimates tokens from the text (about
   * four characters a token).
   */
  public ChatReply usage(int prompt, int completion) {
    return new ChatReply(content, refusal, finishReason, prompt, completion, requestId, pieces, raw);
  }

  /**
   * The same reply sent with this {@code x-request-id} (error and raw replies too); without it
   * the emulator numbers them.
   */
  public ChatReply requestId(String id) {
    return new ChatReply(content, refusal, finishReason, promptTokens, completionTokens,
        Objects.requireNonNull(id, "id"), pieces, raw);
  }

  /**
   * The same reply with these content pieces, one stream chunk each; the content becomes their
   * concatenation (a JSON completion carries it whole). Without pieces a stream sends the text a
   * word at a time.
   */
  public ChatReply pieces(String... parts) {
    List<String> list = List.of(parts);
    return new ChatReply(String.join("", list), refusal, finishReason, promptTokens, completionTokens,
        requestId, list, raw);
  }

  /** The text, when this is an answer with content. */
  public Optional<String> content() {
    return Optional.ofNullable(content);
  }

  /** The refusal text, when this is a refusal. */
  public Optional<String> refusalText() {
    return Optional.ofNullable(refusal);
  }

  /** The finish reason; empty for an error or raw reply. */
  public Optional<String> finishReasonValue() {
    return Optional.ofNullable(finishReason);
  }

  Optional<MockResponse> rawResponse() {
    return Optional.ofNullable(raw);
  }

  Optional<String> requestIdValue() {
    return Optional.ofNullable(requestId);
  }

  Optional<Integer> promptTokens() {
    return Optional.ofNullable(promptTokens);
  }

  Optional<Integer> completionTokens() {
    return Optional.ofNullable(completionTokens);
  }

  /** The stream pieces as given, when they were. */
  Optional<List<String>> givenPieces() {
    return Optional.ofNullable(pieces);
  }

  @Override
  public String toString() {
    if (raw != null) {
      return "ChatReply[raw " + raw.getCode() + "]";
    }
    return "ChatReply[" + (content != null ? "content=" + content : "refusal=" + refusal) + ", finish="
        + finishReason + "]";
  }
}
