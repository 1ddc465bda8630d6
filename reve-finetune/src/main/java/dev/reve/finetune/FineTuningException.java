package dev.reve.finetune;

import dev.reve.openai.error.OpenAiException;

/** Root of the fine-tuning refusals and failures; unchecked. */
public class FineTuningException extends OpenAiException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public FineTuningException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public FineTuningException(String message, Throwable cause) {
    super(message, cause);
  }
}
