package dev.reve.analysis;

/**
 * A conversation does not fit its {@link HistoryBudget} even with only the system prompt, the
 * dream and the latest exchange left: shorten the dream or the reply, or raise the budget.
 */
public final class HistoryTooLongException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with what to fix. */
  public HistoryTooLongException(String message) {
    super(message);
  }
}
