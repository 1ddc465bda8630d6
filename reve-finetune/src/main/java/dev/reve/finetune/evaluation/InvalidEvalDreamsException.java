package dev.reve.finetune.evaluation;

/** An evaluation dreams file that cannot be read; the message names the file and the line. */
public final class InvalidEvalDreamsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message that says what to fix. */
  public InvalidEvalDreamsException(String message) {
    super(message);
  }

  /** With a message and the cause. */
  public InvalidEvalDreamsException(String message, Throwable cause) {
    super(message, cause);
  }
}
