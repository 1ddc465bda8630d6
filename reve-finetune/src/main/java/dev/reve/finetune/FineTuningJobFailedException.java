package dev.reve.finetune;

import java.util.Objects;
import java.util.Optional;

/** A fine-tuning job ended in {@code failed} (or {@code cancelled}); carries the job's error. */
public final class FineTuningJobFailedException extends FineTuningException {
  private static final long serialVersionUID = 1L;
  private final transient FineTuningJob job;

  /** Creates the exception for a job that ended without a model. */
  public FineTuningJobFailedException(FineTuningJob job) {
    super(describe(job));
    this.job = Objects.requireNonNull(job, "job");
  }

  private static String describe(FineTuningJob job) {
    StringBuilder text = new StringBuilder("Fine-tuning job ").append(job.id());
    if (job.state() == JobStatus.CANCELLED) {
      text.append(" was cancelled; create a new job to train again");
      return text.toString();
    }
    text.append(" ").append(job.status());
    job.error()
        .ifPresentOrElse(
            e -> {
              text.append(": ").append(e.message().orElse("(no message)"));
              e.code().ifPresent(c -> text.append(" [code ").append(c).append(']'));
              e.param().ifPresent(p -> text.append(" [param ").append(p).append(']'));
              if (e.param().filter(p -> p.endsWith("_file")).isPresent()
                  || e.code().filter(c -> c.contains("file")).isPresent()) {
                text.append(". Fix the file it names (run the validator on it), upload it again and"
                    + " create a new job");
              } else {
                text.append(". Read the job's events for details; fix the cause and create a new"
                    + " job (the uploaded file can be reused)");
              }
            },
            () ->
                text.append(" without an error message. Read the job's events for details and"
                    + " create a new job"));
    return text.toString();
  }

  /** The job as last seen. */
  public FineTuningJob job() {
    return job;
  }

  /** The job's error code, when it sent one. */
  public Optional<String> errorCode() {
    return job.error().flatMap(JobError::code);
  }

  /** The job's error message, when it sent one. */
  public Optional<String> errorMessage() {
    return job.error().flatMap(JobError::message);
  }
}
