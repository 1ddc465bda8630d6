package dev.reve.openai.error;

import java.time.Duration;

/** HTTP 5xx: the server failed; retried by default. */
public final class InternalServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InternalServerException(int statusCode, ApiError error, String requestId, Duration retryAfter, String note) {
    super(statusCode, error, requestId, retryAfter, note);
  }
}
