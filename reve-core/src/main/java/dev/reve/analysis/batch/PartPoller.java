package dev.reve.analysis.batch;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.batches.Batch;
import java.util.function.Function;

/** One poll: retrieves each unfinished batch, records what changed and tells the listener. */
final class PartPoller {
  private PartPoller() {}

  /**
   * Refreshes the unfinished parts, then again every {@code interval} of {@code sleeper}, until
   * every sent part has finished or {@code clock} reaches {@code deadline}.
   *
   * @throws java.util.concurrent.CancellationException when the thread is interrupted
   */
  static void untilFinished(
      Journal journal, Function<BatchPart, OpenAiClient> clients, BatchListener listener,
      dev.reve.openai.call.Sleeper sleeper, java.time.Instant deadline, java.time.Clock clock,
      java.time.Duration interval) {
    while (true) {
      refreshOnce(journal, clients, listener);
      if (journal.state().parts().stream().allMatch(p -> p.batchId().isEmpty() || p.finished())
          || !clock.instant().isBefore(deadline)) {
        return;
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.util.concurrent.CancellationException("interrupted while waiting for the batches");
      }
    }
  }

  static void refreshOnce(Journal journal, Function<BatchPart, OpenAiClient> clients, BatchListener listener) {
    for (BatchPart part : journal.state().parts()) {
      if (part.batchId().isPresent() && !part.finished()) {
        Batch batch = clients.apply(part).batches().retrieve(part.batchId().get());
        BatchPart updated = part.with(batch);
        if (!updated.equals(part)) {
          journal.put(updated);
        }
        listener.onProgress(updated);
      }
    }
  }
}
