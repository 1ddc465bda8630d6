package dev.reve.openai.error;

/** A connect, read, write or whole-call timeout expired. */
public final class ApiTimeoutException extends ApiConnectionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ApiTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
