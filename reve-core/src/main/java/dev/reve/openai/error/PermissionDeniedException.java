package dev.reve.openai.error;

/** HTTP 403: the key may not do this (for example fine-tuning is not available to the account). */
public final class PermissionDeniedException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public PermissionDeniedException(ApiError error, String requestId, String note) {
    super(403, error, requestId, null, note);
  }
}
