package dev.reve.analysis;

/** A session transcript cannot be read: not JSON, another format, a later version or a bad field. */
public final class InvalidTranscriptException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidTranscriptException(String detail, Throwable cause) {
    super("Cannot read the session transcript: " + detail, cause);
  }
}
