package dev.reve.finetune;

import java.util.Objects;

/**
 * Waiting for a job passed its deadline while the job was still going. The job keeps running on
 * the server; wait again later, or look with {@code reve finetune status}.
 */
public final class FineTuningTimeoutException extends FineTuningException {
  private static final long serialVersionUID = 1L;
  private final transient FineTuningJob job;

  /** Creates the exception with the job as last seen. */
  public FineTuningTimeoutException(FineTuningJob job, java.time.Duration waited) {
    super(
        "Stopped waiting for fine-tuning job " + job.id() + " after " + waited.toMinutes()
            + " min; it is still " + job.status() + " on the server and keeps running. Wait"
            + " again later (the job id is kept), or cancel it if it is no longer wanted");
    this.job = Objects.requireNonNull(job, "job");
  }

  /** The job as last seen. */
  public FineTuningJob job() {
    return job;
  }
}
