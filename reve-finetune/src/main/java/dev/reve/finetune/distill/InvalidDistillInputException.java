package dev.reve.finetune.distill;

/** A training file or dreams file that cannot be distilled; the message names the file and line. */
public final class InvalidDistillInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An input problem with what to fix. */
  public InvalidDistillInputException(String message) {
    super(message);
  }

  /** An input problem caused by {@code cause}. */
  public InvalidDistillInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
