package dev.reve.openai.error;

/**
 * HTTP 429 with code {@code insufficient_quota}: the account is out of credit. Never retried;
 * add credit or raise the spending limit in the OpenAI dashboard.
 */
public final class InsufficientQuotaException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InsufficientQuotaException(ApiError error, String requestId, String note) {
    super(
        429,
        error,
        requestId,
        null,
        note == null
            ? "The account has no quota left: add credit or raise the usage limit in the billing"
                + " settings, then try again"
            : note);
  }
}
