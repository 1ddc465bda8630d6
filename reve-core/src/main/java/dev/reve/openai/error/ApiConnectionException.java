package dev.reve.openai.error;

/** The server could not be reached, or the connection broke before a complete response arrived. */
public class ApiConnectionException extends OpenAiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ApiConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
