package dev.reve.finetune;

import com.squareup.moshi.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fine-tuning job (OpenAI's {@code fine_tuning.job} object). The status is kept as the server
 * sent it; {@link #state()} maps it to {@link JobStatus}, with {@link JobStatus#UNKNOWN} for values
 * this SDK does not know.
 *
 * @param id the job id, such as {@code ftjob-abc123}
 * @param createdAt creation time, Unix seconds (0 when absent)
 * @param error why the job failed; empty when the server sent none or an object whose fields are
 *     all null
 * @param fineTunedModel the resulting model, once the job succeeded
 * @param finishedAt when the job finished, Unix seconds
 * @param model the base model
 * @param organizationId the owning organisation
 * @param resultFiles ids of the result files (per-step metrics as CSV)
 * @param status the status as sent, such as {@code running} or {@code paused}
 * @param trainedTokens billable tokens trained, once finished
 * @param trainingFile the training file id
 * @param validationFile the validation file id
 * @param seed the seed used
 * @param estimatedFinish estimated finish time, Unix seconds, while running
 * @param metadata the key-value pairs attached at creation
 * @param hyperparametersJson the deprecated top-level {@code hyperparameters} object as parsed
 * @param methodJson the {@code method} object as parsed
 */
public record FineTuningJob(
    String id,
    @Json(name = "created_at") Long createdAt,
    Optional<JobError> error,
    @Json(name = "fine_tuned_model") Optional<String> fineTunedModel,
    @Json(name = "finished_at") Optional<Long> finishedAt,
    String model,
    @Json(name = "organization_id") Optional<String> organizationId,
    @Json(name = "result_files") List<String> resultFiles,
    String status,
    @Json(name = "trained_tokens") Optional<Long> trainedTokens,
    @Json(name = "training_file") String trainingFile,
    @Json(name = "validation_file") Optional<String> validationFile,
    Optional<Long> seed,
    @Json(name = "estimated_finish") Optional<Long> estimatedFinish,
    Map<String, String> metadata,
    @Json(name = "hyperparameters") Map<String, Object> hyperparametersJson,
    @Json(name = "method") Map<String, Object> methodJson) {

  /** Normalises absent values; an error object whose fields are all null becomes empty. */
  public FineTuningJob {
    id = id == null ? "" : id;
    createdAt = createdAt == null ? 0L : createdAt;
    error = error == null ? Optional.empty() : error.filter(e -> !e.isEmpty());
    fineTunedModel = fineTunedModel == null ? Optional.empty() : fineTunedModel.filter(m -> !m.isBlank());
    model = model == null ? "" : model;
    status = status == null ? "" : status;
    trainingFile = trainingFile == null ? "" : trainingFile;
  }

  /** The status as an enum; {@link JobStatus#UNKNOWN} for a value this SDK does not know. */
  public JobStatus state() {
    return JobStatus.of(status);
  }

  /** Whether the job can no longer change. */
  public boolean isTerminal() {
    return state().isTerminal();
  }

  /** Whether the job ended without a model: failed or cancelled. */
  public boolean failedOrCancelled() {
    return state().failedOrCancelled();
  }

  /** Whether the job succeeded and named its model. */
  public boolean succeeded() {
    return state() == JobStatus.SUCCEEDED && fineTunedModel.isPresent();
  }

  /** The method type ({@code supervised}, {@code dpo}, {@code reinforcement}), when sent. */
  public Optional<String> methodType() {
    Object type = methodJson.get("type");
    return type instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /**
   * The supervised hyperparameters, read from {@code method.supervised.hyperparameters} or, for
   * older answers, the top-level {@code hyperparameters}; values not sent read as auto.
   */
  public SupervisedHyperparameters hyperparameters() {
    if (methodJson.get("supervised") instanceof Map<?, ?> supervised
        && supervised.get("hyperparameters") instanceof Map<?, ?> h) {
      return SupervisedHyperparameters.fromWire(h);
    }
    return SupervisedHyperparameters.fromWire(hyperparametersJson);
  }

  /** The estimated finish as an instant. */
  public Optional<Instant> estimatedFinishTime() {
    return estimatedFinish.map(Instant::ofEpochSecond);
  }

  /**
   * Returns this job when it succeeded.
   *
   * @throws FineTuningJobFailedException when it failed or was cancelled
   * @throws IllegalStateException when it is still going
   */
  public FineTuningJob requireSucceeded() {
    if (succeeded()) {
      return this;
    }
    if (isTerminal()) {
      throw new FineTuningJobFailedException(this);
    }
    throw new IllegalStateException(
        "Fine-tuning job " + id + " is still " + status + "; wait for it to finish first");
  }

  /** This job with its error's text passed through {@code redactor}, before it is kept or shown. */
  public FineTuningJob redacted(java.util.function.UnaryOperator<String> redactor) {
    if (error.isEmpty()) {
      return this;
    }
    return new FineTuningJob(id, createdAt, error.map(e -> e.redacted(redactor)), fineTunedModel,
        finishedAt, model, organizationId, resultFiles, status, trainedTokens, trainingFile,
        validationFile, seed, estimatedFinish, metadata, hyperparametersJson, methodJson);
  }
}
