package dev.reve.finetune.evaluation;

import java.nio.file.Path;
import java.util.List;

/**
 * A comparison's batches had not finished when its wait ran out ({@link CompareBatch#timeout}).
 * Nothing is lost: the batches keep running on the server, the answers already collected are
 * cached, and running the same comparison again waits for the open batches and collects them
 * without creating them again.
 */
public final class BatchPendingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The run folders whose batches are still open. */
  private final transient List<Path> openRuns;

  BatchPendingException(List<Path> openRuns, List<String> batchIds, java.time.Duration waited) {
    super(openRuns.size() + " batch run(s) of the comparison had not finished after "
        + waited.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
        + " (batches " + String.join(", ", batchIds) + "; state in " + openRuns.get(0).getParent()
        + "). They keep running on the server; run the same comparison again to wait for them and"
        + " collect their answers: nothing is sent twice.");
    this.openRuns = List.copyOf(openRuns);
  }

  /** The folders of the batch runs still open. */
  public List<Path> openRuns() {
    return openRuns == null ? List.of() : openRuns;
  }
}
