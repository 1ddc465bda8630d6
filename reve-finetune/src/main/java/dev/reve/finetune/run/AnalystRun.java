package dev.reve.finetune.run;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.JobError;
import dev.reve.finetune.JobStatus;
import java.util.Optional;

/**
 * What a run has done for one analyst, as kept in the state file. Each step fills in its part;
 * a rerun skips the steps whose part is present.
 *
 * @param analyst the analyst id
 * @param training the training file and its upload
 * @param validation the validation file and its upload, when the run has one
 * @param job the fine-tuning job, once created
 * @param check what the last pre-upload check said
 * @param error the last failure of a step or the job, for the report
 */
public record AnalystRun(
    String analyst,
    RunUpload training,
    Optional<RunUpload> validation,
    Optional<RunJob> job,
    Optional<String> check,
    Optional<String> error) {

  /** Normalises absent values. */
  public AnalystRun {
    analyst = analyst == null ? "" : analyst;
    training = training == null ? new RunUpload(null, null, 0, null, null) : training;
    validation = validation == null ? Optional.empty() : validation;
    job = job == null ? Optional.empty() : job;
    check = present(check);
    error = present(error);
  }

  /** A run for {@code analyst} that has done nothing yet with its training data. */
  public static AnalystRun started(String analyst, RunUpload training) {
    return new AnalystRun(analyst, training, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  static Optional<String> present(Optional<String> value) {
    return value == null ? Optional.empty() : value.filter(s -> !s.isBlank());
  }

  /** The job's id, once a job exists. */
  public Optional<String> jobId() {
    return job.map(RunJob::id);
  }

  /** The job's last known status, as the API spells it. */
  public Optional<String> status() {
    return job.flatMap(RunJob::status);
  }

  /** The resulting model, once the job succeeded. */
  public Optional<String> fineTunedModel() {
    return job.flatMap(RunJob::fineTunedModel);
  }

  /** The job's status as an enum; {@link JobStatus#UNKNOWN} before a job exists. */
  public JobStatus state() {
    return job.map(RunJob::state).orElse(JobStatus.UNKNOWN);
  }

  /** Whether the job succeeded and its model is known. */
  public boolean succeeded() {
    return job.filter(RunJob::succeeded).isPresent();
  }

  /** Whether the job ended without a model: failed or cancelled. */
  public boolean failedOrCancelled() {
    return state().failedOrCancelled();
  }

  /** Whether a job exists that may still change. */
  public boolean jobRunning() {
    return job.isPresent() && !state().isTerminal();
  }

  AnalystRun withCheck(String value) {
    return new AnalystRun(analyst, training, validation, job, Optional.ofNullable(value), error);
  }

  AnalystRun withTraining(RunUpload value) {
    return new AnalystRun(analyst, value, validation, job, check, error);
  }

  AnalystRun withValidation(Optional<RunUpload> value) {
    return new AnalystRun(analyst, training, value, job, check, error);
  }

  AnalystRun withoutJob() {
    return new AnalystRun(analyst, training, validation, Optional.empty(), check, error);
  }

  /**
   * This run with the job as last seen, keeping the provider recorded for it; the job's error, if
   * any, becomes the run's.
   */
  AnalystRun withJob(FineTuningJob value) {
    RunJob seen = job.filter(j -> j.id().equals(value.id()))
        .map(j -> j.seen(value))
        .orElseGet(() -> new RunJob(value.id(), Optional.of(value.status()), value.fineTunedModel()));
    return new AnalystRun(analyst, training, validation, Optional.of(seen), check,
        value.error().map(JobError::summary));
  }

  /** This run with a job just created or found on {@code provider}. */
  AnalystRun withJob(FineTuningJob value, FineTuningProvider provider) {
    return new AnalystRun(analyst, training, validation, Optional.of(RunJob.of(value, provider)), check,
        value.error().map(JobError::summary));
  }

  AnalystRun withError(String failure) {
    return new AnalystRun(analyst, training, validation, job, check, Optional.ofNullable(failure));
  }
}
