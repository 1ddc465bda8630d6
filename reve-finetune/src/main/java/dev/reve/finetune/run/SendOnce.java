package dev.reve.finetune.run;

import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.OpenAiException;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.call.RetryPolicy;
import dev.reve.openai.call.Sleeper;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends a request that must not happen twice (an upload, a job creation) with the client's
 * automatic retries off. When it fails in a way that may have reached the server anyway (a lost
 * answer, a timeout, a 5xx), looks for its result before sending it again: a retry that did not
 * look could leave a second file or a second, billed job.
 */
final class SendOnce {
  private static final RequestOptions NO_RETRIES = RequestOptions.builder().maxRetries(0).build();

  private final Sleeper sleeper;
  private final RunListener listener;

  SendOnce(Sleeper sleeper, RunListener listener) {
    this.sleeper = sleeper;
    this.listener = listener;
  }

  /**
   * Sends with {@code send}; after a transient failure waits, then returns what {@code lookUp}
   * finds, or sends again when it finds nothing.
   */
  <T> T send(String analyst, String what, Supplier<Optional<T>> lookUp, Function<RequestOptions, T> send) {
    for (int attempt = 1; ; attempt++) {
      try {
        return send.apply(NO_RETRIES);
      } catch (OpenAiException e) {
        if (!RetryPolicy.isTransient(e) || attempt > RetryPolicy.DEFAULT.maxRetries()) {
          throw e;
        }
        listener.onStep(analyst, what + " failed (" + Lines.first(e.getMessage())
            + "); checking whether it reached the server before sending again");
        waitBeforeLooking(e, attempt);
        Optional<T> done = lookUp.get();
        if (done.isPresent()) {
          return done.get();
        }
      }
    }
  }

  /** A server that acted but lost the answer may list the result only later. */
  private void waitBeforeLooking(OpenAiException e, int attempt) {
    Duration wait =
        (e instanceof ApiException api ? api.retryAfter() : Optional.<Duration>empty())
            .filter(d -> d.compareTo(RetryPolicy.DEFAULT.maxRetryAfter()) <= 0)
            .orElse(RetryPolicy.DEFAULT.backoff(attempt, 0.5));
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      e.addSuppressed(interrupted);
      throw e;
    }
  }
}
