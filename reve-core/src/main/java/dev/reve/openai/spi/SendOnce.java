package dev.reve.openai.spi;

import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.call.Sleeper;
import dev.reve.openai.error.OpenAiException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends a request that must not happen twice (an upload, a job creation) with the client's own
 * retries off. When an attempt fails in a way that may have reached the server anyway (a lost
 * answer, a timeout, a 5xx), it waits as {@link RetryDecision} says and looks for the result
 * before sending again: a blind retry could leave a second file or a second, billed job.
 */
public final class SendOnce {
  /** Per-request options that turn the client's automatic retries off. */
  public static final RequestOptions NO_AUTOMATIC_RETRY = RequestOptions.builder().maxRetries(0).build();

  private final RetryDecision decision;
  private final Sleeper sleeper;

  /** A helper deciding with {@code decision} and waiting with {@code sleeper}. */
  public SendOnce(RetryDecision decision, Sleeper sleeper) {
    this.decision = Objects.requireNonNull(decision, "decision");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Sends with {@code send} (given {@link #NO_AUTOMATIC_RETRY}); after a transient failure waits,
   * then returns what {@code lookUp} finds, or sends again.
   *
   * @param beforeLookUp hears each failure that is followed by a look-up, and the wait
   */
  public <T> T send(
      Supplier<Optional<T>> lookUp,
      Function<RequestOptions, T> send,
      BiConsumer<OpenAiException, Duration> beforeLookUp) {
    int maxRetries = decision.policy().maxRetries();
    for (int attempt = 1; ; attempt++) {
      try {
        return send.apply(NO_AUTOMATIC_RETRY);
      } catch (OpenAiException e) {
        RetryDecision.Verdict verdict =
            decision.decide(e, Optional.empty(), attempt, maxRetries, Optional.empty(), 0.5);
        if (!verdict.retry()) {
          throw e;
        }
        Duration wait = verdict.waitFor().orElseThrow();
        beforeLookUp.accept(e, wait);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          e.addSuppressed(interrupted);
          throw e;
        }
        Optional<T> done = lookUp.get();
        if (done.isPresent()) {
          return done.get();
        }
      }
    }
  }
}
