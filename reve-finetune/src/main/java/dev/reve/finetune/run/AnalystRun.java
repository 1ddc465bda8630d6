package dev.reve.finetune.run;

import dev.reve.finetune.JobStatus;
import java.util.Optional;

/**
 * What a run has done for one analyst, as kept in the state file. Each step fills in its part;
 * a rerun skips the steps whose part is present.
 *
 * @param analyst the analyst id
 * @param trainingPath the training file as given
 * @param sha256 the training file's SHA-256 (hex), which identifies the data
 * @param bytes the training file's size
 * @param check what the pre-upload check said
 * @param uploadName the name the training file is uploaded under
 * @param fileId the uploaded training file's id
 * @param validationPath the validation file as given
 * @param validationSha256 the validation file's SHA-256
 * @param validationBytes the validation file's size
 * @param validationFileId the uploaded validation file's id
 * @param jobId the fine-tuning job's id
 * @param status the job's last known status, as the API spells it
 * @param fineTunedModel the resulting model, once the job succeeded
 * @param error the last failure of a step or the job, for the report
 */
public record AnalystRun(
    String analyst,
    String trainingPath,
    String sha256,
    Long bytes,
    Optional<String> check,
    Optional<String> uploadName,
    Optional<String> fileId,
    Optional<String> validationPath,
    Optional<String> validationSha256,
    Optional<Long> validationBytes,
    Optional<String> validationFileId,
    Optional<String> jobId,
    Optional<String> status,
    Optional<String> fineTunedModel,
    Optional<String> error) {

  /** Normalises absent values. */
  public AnalystRun {
    analyst = analyst == null ? "" : analyst;
    trainingPath = trainingPath == null ? "" : trainingPath;
    sha256 = sha256 == null ? "" : sha256;
    bytes = bytes == null ? 0L : bytes;
    check = opt(check);
    uploadName = opt(uploadName);
    fileId = opt(fileId);
    validationPath = opt(validationPath);
    validationSha256 = opt(validationSha256);
    validationBytes = validationBytes == null ? Optional.empty() : validationBytes;
    validationFileId = opt(validationFileId);
    jobId = opt(jobId);
    status = opt(status);
    fineTunedModel = opt(fineTunedModel);
    error = opt(error);
  }

  private static Optional<String> opt(Optional<String> value) {
    return value == null ? Optional.empty() : value.filter(s -> !s.isBlank());
  }

  /** The job's status as an enum; {@link JobStatus#UNKNOWN} before a job exists. */
  public JobStatus state() {
    return status.map(JobStatus::of).orElse(JobStatus.UNKNOWN);
  }

  /** Whether the job succeeded and its model is known. */
  public boolean succeeded() {
    return state() == JobStatus.SUCCEEDED && fineTunedModel.isPresent();
  }

  AnalystRun withCheck(String value) {
    return new AnalystRun(analyst, trainingPath, sha256, bytes, Optional.ofNullable(value), uploadName, fileId,
        validationPath, validationSha256, validationBytes, validationFileId, jobId, status, fineTunedModel, error);
  }

  AnalystRun withFile(String name, String id) {
    return new AnalystRun(analyst, trainingPath, sha256, bytes, check, Optional.ofNullable(name),
        Optional.ofNullable(id), validationPath, validationSha256, validationBytes, validationFileId, jobId, status,
        fineTunedModel, error);
  }

  AnalystRun withValidation(String path, String sha, Long size, String id) {
    return new AnalystRun(analyst, trainingPath, sha256, bytes, check, uploadName, fileId,
        Optional.ofNullable(path), Optional.ofNullable(sha), Optional.ofNullable(size), Optional.ofNullable(id),
        jobId, status, fineTunedModel, error);
  }

  AnalystRun withJob(String id, String jobStatus, String model, String failure) {
    return new AnalystRun(analyst, trainingPath, sha256, bytes, check, uploadName, fileId, validationPath,
        validationSha256, validationBytes, validationFileId, Optional.ofNullable(id),
        Optional.ofNullable(jobStatus), Optional.ofNullable(model), Optional.ofNullable(failure));
  }

  AnalystRun withError(String failure) {
    return new AnalystRun(analyst, trainingPath, sha256, bytes, check, uploadName, fileId, validationPath,
        validationSha256, validationBytes, validationFileId, jobId, status, fineTunedModel,
        Optional.ofNullable(failure));
  }
}
