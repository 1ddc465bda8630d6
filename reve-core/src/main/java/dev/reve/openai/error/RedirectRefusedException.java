package dev.reve.openai.error;

/**
 * The server redirected a call to another origin (scheme, host or port). The client follows only
 * same-origin redirects, so neither the request body nor its headers went to the new origin.
 */
public final class RedirectRefusedException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final String from;
  private final String to;

  /** Creates the exception; {@code from} and {@code to} are origins, without user info or path. */
  public RedirectRefusedException(String method, int status, String from, String to) {
    super("Refused to follow a redirect of " + method + " (HTTP " + status + ") from " + from
        + " to another origin, " + to + ": the request and its headers were not sent there."
        + " Use the final server's URL as the base URL if you trust it");
    this.from = from;
    this.to = to;
  }

  /** The origin that answered with the redirect. */
  public String from() {
    return from;
  }

  /** The origin the redirect pointed at. */
  public String to() {
    return to;
  }
}
