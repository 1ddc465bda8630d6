package dev.reve.analysis.batch;

/** Hears a batch analysis's steps and progress; every method does nothing by default. */
public interface BatchListener {
  /** Hears nothing. */
  BatchListener NONE = new BatchListener() {};

  /** A step done or about to be done, in one line for people. */
  default void onStep(String partId, String message) {}

  /** A part's batch as last retrieved (status, counts). */
  default void onProgress(BatchPart part) {}

  /** Lines written into the parts so far, while they are built. */
  default void onLinesWritten(long lines) {}
}
