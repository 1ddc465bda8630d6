package dev.reve.openai.error;

/** HTTP 422: the request was well-formed but not acceptable. */
public final class UnprocessableEntityException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public UnprocessableEntityException(ApiError error, String requestId, String note) {
    super(422, error, requestId, null, note);
  }
}
