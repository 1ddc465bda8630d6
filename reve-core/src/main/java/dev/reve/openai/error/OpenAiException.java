package dev.reve.openai.error;

/** Root of every exception the SDK throws; unchecked. */
public class OpenAiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public OpenAiException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public OpenAiException(String message, Throwable cause) {
    super(message, cause);
  }
}
