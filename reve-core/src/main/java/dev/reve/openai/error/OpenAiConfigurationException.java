package dev.reve.openai.error;

/** The client is configured in a way that cannot work (missing key, key over plain HTTP, bad URL). */
public class OpenAiConfigurationException extends OpenAiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message says what to change. */
  public OpenAiConfigurationException(String message) {
    super(message);
  }
}
