package dev.reve.finetune;

import com.squareup.moshi.Json;

/**
 * A usable model saved at one step of a job (OpenAI's {@code fine_tuning.job.checkpoint}).
 *
 * @param id the checkpoint id
 * @param createdAt when it was saved, Unix seconds
 * @param fineTunedModelCheckpoint the model id to use this checkpoint for inference
 * @param stepNumber the step it was saved at
 * @param metrics the metrics at that step
 * @param fineTuningJobId the job it belongs to
 */
public record JobCheckpoint(
    String id,
    @Json(name = "created_at") Long createdAt,
    @Json(name = "fine_tuned_model_checkpoint") String fineTunedModelCheckpoint,
    @Json(name = "step_number") Long stepNumber,
    TrainingMetrics metrics,
    @Json(name = "fine_tuning_job_id") String fineTuningJobId) {

  /** Normalises absent values. */
  public JobCheckpoint {
    id = id == null ? "" : id;
    createdAt = createdAt == null ? 0L : createdAt;
    fineTunedModelCheckpoint = fineTunedModelCheckpoint == null ? "" : fineTunedModelCheckpoint;
    stepNumber = stepNumber == null ? 0L : stepNumber;
    metrics =
        metrics == null
            ? TrainingMetrics.NONE
            : metrics;
    fineTuningJobId = fineTuningJobId == null ? "" : fineTuningJobId;
  }
}
