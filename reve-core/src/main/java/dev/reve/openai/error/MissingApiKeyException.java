package dev.reve.openai.error;

/** No API key was given for OpenAI's own endpoint; the message says how to set one. */
public final class MissingApiKeyException extends OpenAiConfigurationException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public MissingApiKeyException() {
    super(
        "No API key: set the OPENAI_API_KEY environment variable (or call apiKey(...) on the"
            + " builder), or point OPENAI_BASE_URL at a local OpenAI-compatible server such as"
            + " http://localhost:11434/v1/ that needs no key");
  }
}
