package dev.reve.finetune.distill;

/**
 * Progress of a {@link Distillation}. Called from the worker threads, possibly at the same time;
 * keep the methods short and thread-safe. Every method does nothing by default.
 */
public interface DistillListener {
  /** A listener that ignores everything. */
  DistillListener NONE = new DistillListener() {};

  /** The model's shutdown date is known (before any request): warn with the days left. */
  default void shutdownKnown(ShutdownNotice notice) {}

  /**
   * Before the first request.
   *
   * @param items the dreams to distil
   * @param answers the answers the set needs in all
   * @param fromJournal how many of them the journal already holds (they are not asked again)
   */
  default void started(int items, int answers, int fromJournal) {}

  /** An answer arrived and is in the journal. */
  default void answered(DistillItem item, int turn) {}

  /** An answer that will not be written (refused, truncated, filtered, empty). */
  default void rejected(Rejection rejection) {}
}
