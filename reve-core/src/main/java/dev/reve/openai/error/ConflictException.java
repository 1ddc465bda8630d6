package dev.reve.openai.error;

import java.time.Duration;

/** HTTP 409: the resource changed under the request; retried by default. */
public final class ConflictException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ConflictException(ApiError error, String requestId, Duration retryAfter, String note) {
    super(409, error, requestId, retryAfter, note);
  }
}
