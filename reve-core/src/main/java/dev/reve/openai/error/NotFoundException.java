package dev.reve.openai.error;

/** HTTP 404: the model, file or job does not exist, or the key cannot see it. */
public final class NotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public NotFoundException(ApiError error, String requestId, String note) {
    super(404, error, requestId, null, note);
  }
}
