package dev.reve.openai.error;

import java.util.Optional;

/**
 * The error details a server returned: OpenAI's {@code {"error":{...}}} object, or what could be
 * read from another shape (RFC 7807 problem JSON, an HTML page from a proxy).
 *
 * @param message human-readable message
 * @param type OpenAI's error type, such as {@code invalid_request_error}
 * @param code OpenAI's error code, such as {@code insufficient_quota}
 * @param param the request parameter the error is about
 */
public record ApiError(
    Optional<String> message, Optional<String> type, Optional<String> code, Optional<String> param) {

  /** Normalises absent parts to empty optionals. */
  public ApiError {
    message = blankToEmpty(message);
    type = blankToEmpty(type);
    code = blankToEmpty(code);
    param = blankToEmpty(param);
  }

  /** An error with only a message. */
  public static ApiError ofMessage(String message) {
    return new ApiError(Optional.ofNullable(message), null, null, null);
  }

  private static Optional<String> blankToEmpty(Optional<String> value) {
    return value == null ? Optional.empty() : value.filter(s -> !s.isBlank());
  }
}
