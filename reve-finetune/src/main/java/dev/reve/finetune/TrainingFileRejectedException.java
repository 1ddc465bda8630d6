package dev.reve.finetune;

import dev.reve.openai.error.ApiException;
import java.util.Optional;

/**
 * A training or validation file was refused: too large to upload, rejected by the server on
 * upload, or refused when a job named it. Fix the file (run the validator on it) and upload it
 * again.
 */
public final class TrainingFileRejectedException extends FineTuningException {
  private static final long serialVersionUID = 1L;
  private final String fileName;

  /** Creates the exception for a refusal found before anything was sent. */
  public TrainingFileRejectedException(String fileName, String message) {
    super(message);
    this.fileName = fileName;
  }

  /** Creates the exception from the server's refusal. */
  public TrainingFileRejectedException(String fileName, ApiException cause) {
    super(
        "The service rejected "
            + (fileName == null ? "the training file" : "'" + fileName + "'")
            + ": HTTP "
            + cause.statusCode()
            + cause.apiMessage().map(m -> " (" + m + ")").orElse("")
            + cause.param().map(p -> " [param " + p + "]").orElse("")
            + cause.requestId().map(id -> " [request id " + id + "]").orElse("")
            + ". Check it with the training-data validator (reve finetune validate), fix what it"
            + " reports, and upload it again",
        cause);
    this.fileName = fileName;
  }

  /** The file's name or id, when known. */
  public Optional<String> fileName() {
    return Optional.ofNullable(fileName);
  }
}
