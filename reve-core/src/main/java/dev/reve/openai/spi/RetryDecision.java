package dev.reve.openai.spi;

import dev.reve.openai.call.RetryPolicy;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.InsufficientQuotaException;
import dev.reve.openai.error.OpenAiException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides whether a failed attempt is tried again and after how long: the
 * client's retry loop and {@link SendOnce} both ask it.
 */
public final class RetryDecision {
  private final RetryPolicy policy;

  /** A decision under {@code policy}. */
  public RetryDecision(RetryPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The policy decided under. */
  public RetryPolicy policy() {
    return policy;
  }

  /**
   * Retry, after {@link #waitFor()}, or fail for {@link #reason()}.
   *
   * @param waitFor the pause before the next attempt, when retrying
   * @param reason why not, when failing; empty when retrying
   */
  public record Verdict(Optional<Duration> waitFor, String reason) {
    /** Normalises absent values. */
    public Verdict {
      waitFor = waitFor == null ? Optional.empty() : waitFor;
      reason = reason == null ? "" : reason;
    }

    static Verdict after(Duration wait) {
      return new Verdict(Optional.of(wait), "");
    }

    static Verdict fail(String reason) {
      return new Verdict(Optional.empty(), reason);
    }

    /** Whether to try again. */
    public boolean retry() {
      return waitFor.isPresent();
    }
  }

  /**
   * After attempt number {@code attempt} failed with {@code failure}.
   *
   * @param shouldRetry the server's {@code x-should-retry} header, when it sent one
   * @param maxRetries retries allowed for this call
   * @param remaining time left before the call's deadline; empty for no deadline
   * @param jitter a value in [0, 1) for the backoff
   */
  public Verdict decide(
      OpenAiException failure,
      Optional<String> shouldRetry,
      int attempt,
      int maxRetries,
      Optional<Duration> remaining,
      double jitter) {
    if (attempt > maxRetries) {
      return Verdict.fail("no retries left (" + maxRetries + " allowed)");
    }
    if (failure instanceof InsufficientQuotaException) {
      return Verdict.fail("the quota is used up; waiting does not help");
    }
    Optional<Duration> asked = Optional.empty();
    if (failure instanceof ApiException api) {
      String hint = shouldRetry.map(h -> h.strip().toLowerCase(Locale.ROOT)).orElse("");
      boolean retry =
          hint.equals("true") || (!hint.equals("false") && RetryPolicy.isRetryableStatus(api.statusCode()));
      if (!retry) {
        return Verdict.fail("HTTP " + api.statusCode() + " is not worth retrying");
      }
      asked = api.retryAfter();
      if (asked.isPresent() && asked.get().compareTo(policy.maxRetryAfter()) > 0) {
        return Verdict.fail(
            "the server asked to wait " + seconds(asked.get()) + ", longer than the "
                + seconds(policy.maxRetryAfter()) + " cap (RetryPolicy.maxRetryAfter)");
      }
    } else if (!RetryPolicy.isTransient(failure)) {
      return Verdict.fail("the failure is not transient");
    }
    Duration wait = asked.orElseGet(() -> policy.backoff(attempt, jitter));
    if (remaining.isPresent() && wait.compareTo(remaining.get()) > 0) {
      return Verdict.fail("the call's deadline would pass while waiting");
    }
    return Verdict.after(wait);
  }

  /** A duration as seconds for messages: {@code 2 s}, {@code 1.5 s}. */
  public static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
