package dev.reve.analysis;

import dev.reve.openai.error.OpenAiException;

/** Model configuration that cannot work: a missing or unreadable models file, a bad value. */
public final class ModelConfigurationException extends OpenAiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message says what to change. */
  public ModelConfigurationException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public ModelConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
