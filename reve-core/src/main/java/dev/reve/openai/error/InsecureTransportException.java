package dev.reve.openai.error;

/** The API key would travel over plain {@code http://} to a host that is not this machine. */
public final class InsecureTransportException extends OpenAiConfigurationException {
  private static final long serialVersionUID = 1L;
  private final String host;

  /** Creates the exception for {@code host}; the message says how to proceed. */
  public InsecureTransportException(String host) {
    super(
        "Refusing to send the API key over plain http to "
            + host
            + ": use an https:// base URL, or call allowInsecureHttp(true) on the builder if this"
            + " network is trusted");
    this.host = host;
  }

  /** The host the key would have been sent to. */
  public String host() {
    return host;
  }
}
