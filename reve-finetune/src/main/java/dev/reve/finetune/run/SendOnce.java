package dev.reve.finetune.run;

import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.call.RetryPolicy;
import dev.reve.openai.call.Sleeper;
import dev.reve.openai.spi.RetryDecision;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends a request that must not happen twice (an upload, a job creation) with the client's
 * automatic retries off. When it fails in a way that may have reached the server anyway (a lost
 * answer, a timeout, a 5xx), looks for its result before sending it again: a retry that did not
 * look could leave a second file or a second, billed job. The waiting and deciding is reve-core's
 * {@link dev.reve.openai.spi.SendOnce}; this adds the run's progress messages.
 */
final class SendOnce {
  private final dev.reve.openai.spi.SendOnce once;
  private final RunListener listener;

  SendOnce(Sleeper sleeper, RunListener listener) {
    this.once = new dev.reve.openai.spi.SendOnce(new RetryDecision(RetryPolicy.DEFAULT), sleeper);
    this.listener = listener;
  }

  /**
   * Sends with {@code send}; after a transient failure waits, then returns what {@code lookUp}
   * finds, or sends again when it finds nothing.
   */
  <T> T send(String analyst, String what, Supplier<Optional<T>> lookUp, Function<RequestOptions, T> send) {
    return once.send(
        lookUp,
        send,
        (failure, wait) ->
            listener.onStep(analyst, what + " failed (" + Lines.first(failure.getMessage())
                + "); checking whether it reached the server before sending again"));
  }
}
