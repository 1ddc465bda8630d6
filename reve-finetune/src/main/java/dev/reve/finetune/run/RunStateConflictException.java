package dev.reve.finetune.run;

import dev.reve.finetune.FineTuningException;

/**
 * The state file cannot be used as it is: another process holds it, it is unreadable, or it
 * records a job for other data than the run was given. The message says what to do.
 */
public final class RunStateConflictException extends FineTuningException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public RunStateConflictException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public RunStateConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
