package dev.reve.finetune.run;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.JobStatus;
import java.util.Optional;

/**
 * A run's fine-tuning job as kept in the state file.
 *
 * @param id the job's id
 * @param status the job's last known status, as the API spells it
 * @param fineTunedModel the resulting model, once the job succeeded
 */
public record RunJob(String id, Optional<String> status, Optional<String> fineTunedModel) {

  /** Requires an id; normalises absent values. */
  public RunJob {
    id = id == null ? "" : id;
    status = AnalystRun.present(status);
    fineTunedModel = AnalystRun.present(fineTunedModel);
  }

  /** The job as last seen on the server. */
  public static RunJob of(FineTuningJob job) {
    return new RunJob(job.id(), Optional.of(job.status()), job.fineTunedModel());
  }

  /** The status as an enum. */
  public JobStatus state() {
    return status.map(JobStatus::of).orElse(JobStatus.UNKNOWN);
  }

  /** Whether the job succeeded and its model is known. */
  public boolean succeeded() {
    return state() == JobStatus.SUCCEEDED && fineTunedModel.isPresent();
  }
}
