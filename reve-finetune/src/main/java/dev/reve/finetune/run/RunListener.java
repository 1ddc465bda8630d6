package dev.reve.finetune.run;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.JobEvent;
import dev.reve.finetune.TrainingMetrics;
import dev.reve.openai.files.UploadProgressListener;
import java.util.Optional;

/** Hears a run's steps and its jobs' progress, per analyst; every method has an empty default. */
public interface RunListener {
  /** A listener that ignores everything. */
  RunListener NONE = new RunListener() {};

  /** A step happened: checked, uploaded, reused, created, found, promoted. */
  default void onStep(String analyst, String message) {}

  /** Progress of the upload about to start for {@code analyst}. */
  default UploadProgressListener uploadProgress(String analyst) {
    return UploadProgressListener.NONE;
  }

  /** A job's status changed while watching. */
  default void onStatus(String analyst, FineTuningJob job, Optional<String> previous) {}

  /** A new job event arrived while watching. */
  default void onEvent(String analyst, FineTuningJob job, JobEvent event) {}

  /** New training metrics arrived while watching. */
  default void onMetrics(String analyst, FineTuningJob job, TrainingMetrics metrics) {}
}
