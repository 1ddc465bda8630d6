package dev.reve.analysis.batch;

/**
 * The state file cannot be used as it is: locked by another process, unreadable, or recorded for
 * other settings than the ones given now. Says what to do.
 */
public final class BatchStateConflictException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** With a message that says what to fix. */
  public BatchStateConflictException(String message) {
    super(message);
  }

  /** With a message and its cause. */
  public BatchStateConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
