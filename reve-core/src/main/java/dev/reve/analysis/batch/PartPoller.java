package dev.reve.analysis.batch;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.batches.Batch;
import java.util.function.Function;

/** One poll: retrieves each unfinished batch, records what changed and tells the listener. */
final class PartPoller {
  private PartPoller() {}

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
