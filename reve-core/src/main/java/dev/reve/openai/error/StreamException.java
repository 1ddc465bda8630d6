package dev.reve.openai.error;

import java.util.Optional;

/**
 * A server-sent event stream failed: the server sent an {@code error} payload mid-stream, or the
 * stream ended before {@code data: [DONE]} (see {@link #truncated()}).
 */
public final class StreamException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final boolean truncated;
  private final String type;
  private final String code;
  private final String requestId;

  private StreamException(
      String message, boolean truncated, String type, String code, String requestId, Throwable c) {
    super(message, c);
    this.truncated = truncated;
    this.type = type;
    this.code = code;
    this.requestId = requestId;
  }

  /** The server reported an error inside the stream. */
  public static StreamException serverError(
      String message, String type, String code, String requestId) {
    return new StreamException(
        "stream error from server: "
            + (message == null ? "(no message)" : message)
            + (type == null ? "" : " [type " + type + "]")
            + (code == null ? "" : " [code " + code + "]")
            + (requestId == null ? "" : " (request id " + requestId + ")"),
        false,
        type,
        code,
        requestId,
        null);
  }

  /** The stream ended before its terminating {@code [DONE]} event. */
  public static StreamException truncated(String detail, String requestId, Throwable cause) {
    return new StreamException(
        "stream ended before [DONE]: "
            + detail
            + "; the answer is incomplete"
            + (requestId == null ? "" : " (request id " + requestId + ")"),
        true,
        null,
        null,
        requestId,
        cause);
  }

  /** True when the stream was cut before {@code [DONE]}, false for a server error event. */
  public boolean truncated() {
    return truncated;
  }

  /** OpenAI's error {@code type} from the error event. */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /** OpenAI's error {@code code} from the error event. */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** The request id of the streaming request. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
