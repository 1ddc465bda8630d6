package dev.reve.openai.error;

/** HTTP 400: the request was malformed or had an invalid parameter. */
public final class BadRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public BadRequestException(ApiError error, String requestId, String note) {
    super(400, error, requestId, null, note);
  }
}
