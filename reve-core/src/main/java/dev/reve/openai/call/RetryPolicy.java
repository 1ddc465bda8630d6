package dev.reve.openai.call;

import dev.reve.openai.error.ApiConnectionException;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.InsufficientQuotaException;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to wait before retrying: connection failures, 408, 409, 429 and 5xx are
 * retried up to {@code maxRetries} times; a server's {@code retry-after-ms} or {@code retry-after}
 * is honoured up to {@code maxRetryAfter}, otherwise backoff doubles from {@code initialBackoff}
 * up to {@code maxBackoff}, with jitter.
 *
 * @param maxRetries retries after the first attempt (0 disables retrying)
 * @param initialBackoff the first backoff when the server gives no wait
 * @param maxBackoff the largest computed backoff
 * @param maxRetryAfter the longest server-requested wait that is honoured; longer fails at once
 */
public record RetryPolicy(
    int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  /** Two retries, 0.5 s doubling to 8 s, server waits honoured up to 60 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

  /** Validates the values. */
  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
  }

  /** The default policy with another retry count. */
  public static RetryPolicy withMaxRetries(int maxRetries) {
    return DEFAULT.maxRetries(maxRetries);
  }

  /** A copy with another retry count. */
  public RetryPolicy maxRetries(int retries) {
    return new RetryPolicy(retries, initialBackoff, maxBackoff, maxRetryAfter);
  }

  /** A copy with another cap on server-requested waits. */
  public RetryPolicy maxRetryAfter(Duration cap) {
    return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, cap);
  }

  /** Whether a status is worth retrying when the server does not say: 408, 409, 429 and 5xx. */
  public static boolean isRetryableStatus(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /**
   * Whether a failure may go away on its own: a connection failure or timeout, or a retryable
   * status other than insufficient quota. Callers that must not repeat a request blindly (an
   * upload, a job creation) use this to decide whether to look for the result and try again.
   */
  public static boolean isTransient(Throwable failure) {
    if (failure instanceof ApiConnectionException) {
      return true;
    }
    return failure instanceof ApiException api
        && !(api instanceof InsufficientQuotaException)
        && isRetryableStatus(api.statusCode());
  }

  /**
   * The backoff before retry number {@code retry} (1-based) without a server hint: the doubled
   * base, capped, minus up to a quarter of jitter ({@code random} in [0, 1)).
   */
  public Duration backoff(int retry, double random) {
    long base = initialBackoff.toMillis() << Math.min(30, Math.max(0, retry - 1));
    long capped = Math.min(base, maxBackoff.toMillis());
    return Duration.ofMillis(Math.round(capped * (1.0 - 0.25 * random)));
  }
}
