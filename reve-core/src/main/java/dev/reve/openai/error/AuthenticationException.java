package dev.reve.openai.error;

/** HTTP 401: the API key is missing, wrong or revoked. */
public final class AuthenticationException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public AuthenticationException(ApiError error, String requestId, String note) {
    super(401, error, requestId, null, note);
  }
}
