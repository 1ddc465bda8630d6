package dev.reve.finetune;

/**
 * Hears what happens to a job while {@link JobService#waitFor} polls it. Every method has an
 * empty default; implement the ones you need. Called on the waiting thread.
 */
public interface JobListener {
  /** A listener that ignores everything. */
  JobListener NONE = new JobListener() {};

  /**
   * The job's status changed (also called once with the first status seen).
   *
   * @param job the job as just retrieved
   * @param previous the status before, empty the first time
   */
  default void onStatus(FineTuningJob job, java.util.Optional<String> previous) {}

  /** A new event arrived; events come oldest first, each once. */
  default void onEvent(FineTuningJob job, JobEvent event) {}

  /** A new {@code metrics} event arrived (after {@link #onEvent} for the same event). */
  default void onMetrics(FineTuningJob job, TrainingMetrics metrics) {}
}
