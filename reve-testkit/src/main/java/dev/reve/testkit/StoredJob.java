package dev.reve.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a fine-tuning job as the emulator holds it.
 *
 * @param id the job id, {@code ftjob-...}
 * @param model the base model
 * @param trainingFile the training file id
 * @param validationFile the validation file id, when one was given
 * @param suffix the suffix for the fine-tuned model's name, when one was given
 * @param metadata the metadata sent at creation
 * @param method the {@code method} object as served (sent, or the supervised default)
 * @param seed the seed
 * @param status the status, as on the wire ({@code validating_files}, {@code running}, ...)
 * @param fineTunedModel the resulting model, once there is one
 * @param error what failed, for a failed job
 * @param createdAt creation time, Unix seconds
 * @param finishedAt end time, Unix seconds, for a finished job
 * @param requestBody the JSON body of the creation request exactly as received (empty for jobs
 *     added with {@link EmulatedJobs#add})
 */
public record StoredJob(
    String id,
    String model,
    String trainingFile,
    Optional<String> validationFile,
    Optional<String> suffix,
    Map<String, String> metadata,
    Map<String, Object> method,
    long seed,
    String status,
    Optional<String> fineTunedModel,
    Optional<Failure> error,
    long createdAt,
    Optional<Long> finishedAt,
    String requestBody) {

  /** Checks and copies the values. */
  public StoredJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    validationFile = validationFile == null ? Optional.empty() : validationFile;
    suffix = suffix == null ? Optional.empty() : suffix;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    method = method == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(method));
    fineTunedModel = fineTunedModel == null ? Optional.empty() : fineTunedModel;
    error = error == null ? Optional.empty() : error;
    finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
    requestBody = requestBody == null ? "" : requestBody;
  }

  /**
   * Why a job failed.
   *
   * @param code the error code, such as {@code invalid_training_file}
   * @param message the message
   * @param param the parameter at fault, when there is one
   */
  public record Failure(String code, String message, Optional<String> param) {
    /** Checks the values. */
    public Failure {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      param = param == null ? Optional.empty() : param;
    }
  }

  /** Whether the job has ended: succeeded, failed or cancelled. */
  public boolean terminal() {
    return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
  }
}
