package dev.reve.finetune.training;

/** A training source file does not follow {@code training-data/source/FORMAT.md}. */
public class InvalidTrainingSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names the file and line and says what to fix. */
  public InvalidTrainingSourceException(String message) {
    super(message);
  }

  /** The same, with a cause. */
  public InvalidTrainingSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
