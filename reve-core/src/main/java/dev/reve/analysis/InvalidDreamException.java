package dev.reve.analysis;

/** A dream was rejected before any request: blank, or a part longer than its limit. */
public final class InvalidDreamException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message says what to fix. */
  public InvalidDreamException(String message) {
    super(message);
  }
}
