package dev.reve.openai.error;

import java.util.Optional;

/** The server answered, but the body could not be read as the expected JSON. */
public final class MalformedResponseException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final int statusCode;
  private final String bodySnippet;
  private final String requestId;

  /** Creates the exception with the HTTP status and the start of the body. */
  public MalformedResponseException(
      int statusCode, String bodySnippet, String requestId, String detail, Throwable cause) {
    super(
        "HTTP "
            + statusCode
            + ": response body is not the expected JSON ("
            + detail
            + "); body starts: "
            + bodySnippet
            + (requestId == null ? "" : " (request id " + requestId + ")"),
        cause);
    this.statusCode = statusCode;
    this.bodySnippet = bodySnippet;
    this.requestId = requestId;
  }

  /** The HTTP status code. */
  public int statusCode() {
    return statusCode;
  }

  /** At most a few hundred characters of the body. */
  public String bodySnippet() {
    return bodySnippet;
  }

  /** The {@code x-request-id} header, when the server sent one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
