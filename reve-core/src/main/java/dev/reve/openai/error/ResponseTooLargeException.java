package dev.reve.openai.error;

/**
 * A response (or one event of a stream) passed the size the client allows; the rest was not read.
 * Raise the named client setting if the server's answers are really that large.
 */
public final class ResponseTooLargeException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final long limitBytes;
  private final String setting;

  /**
   * @param what what passed the limit, for example "the response body"
   * @param limitBytes the limit in bytes
   * @param setting the client setting that holds the limit, for example {@code maxResponseBytes}
   */
  public ResponseTooLargeException(String what, long limitBytes, String setting) {
    super("Response too large: " + what + " passed the limit of " + limitBytes
        + " bytes (OpenAiClient.Builder." + setting + "); the rest was not read");
    this.limitBytes = limitBytes;
    this.setting = setting;
  }

  /** The limit that was passed, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }

  /** The name of the client setting holding the limit. */
  public String setting() {
    return setting;
  }
}
