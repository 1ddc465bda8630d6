package dev.reve.openai.error;

import java.time.Duration;

/** HTTP 429: too many requests or tokens; retried by default after the server's wait. */
public final class RateLimitException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public RateLimitException(ApiError error, String requestId, Duration retryAfter, String note) {
    super(429, error, requestId, retryAfter, note);
  }
}
