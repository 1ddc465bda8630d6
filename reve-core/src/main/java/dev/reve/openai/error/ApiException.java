package dev.reve.openai.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The server answered with an HTTP error status. Subclasses name the common statuses; catch this
 * type for all of them. Carries no request headers, so the API key can never leak through it.
 */
public class ApiException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final int statusCode;
  private final ApiError error;
  private final String requestId;
  private final Duration retryAfter;

  /** Creates the exception; prefer {@link #of} which picks the subclass for the status. */
  public ApiException(
      int statusCode, ApiError error, String requestId, Duration retryAfter, String note) {
    super(describe(statusCode, error, requestId, note));
    this.statusCode = statusCode;
    this.error = error;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  /** The exception type for a status and error: insufficient quota, 429, 404, 5xx, and so on. */
  public static ApiException of(
      int status, ApiError error, String requestId, Duration retryAfter, String note) {
    if (status == 429 && error.code().filter("insufficient_quota"::equals).isPresent()) {
      return new InsufficientQuotaException(error, requestId, note);
    }
    return switch (status) {
      case 400 -> new BadRequestException(error, requestId, note);
      case 401 -> new AuthenticationException(error, requestId, note);
      case 403 -> new PermissionDeniedException(error, requestId, note);
      case 404 -> new NotFoundException(error, requestId, note);
      case 409 -> new ConflictException(error, requestId, retryAfter, note);
      case 422 -> new UnprocessableEntityException(error, requestId, note);
      case 429 -> new RateLimitException(error, requestId, retryAfter, note);
      default ->
          status >= 500
              ? new InternalServerException(status, error, requestId, retryAfter, note)
              : new ApiException(status, error, requestId, retryAfter, note);
    };
  }

  private static String describe(int status, ApiError error, String requestId, String note) {
    StringBuilder text = new StringBuilder("HTTP ").append(status);
    text.append(": ").append(error.message().orElse("(no message from server)"));
    error.type().ifPresent(t -> text.append(" [type ").append(t).append(']'));
    error.code().ifPresent(c -> text.append(" [code ").append(c).append(']'));
    error.param().ifPresent(p -> text.append(" [param ").append(p).append(']'));
    if (requestId != null) {
      text.append(" (request id ").append(requestId).append(')');
    }
    if (note != null && !note.isBlank()) {
      text.append(". ").append(note);
    }
    return text.toString();
  }

  /** The HTTP status code. */
  public int statusCode() {
    return statusCode;
  }

  /** The error details the server returned. */
  public ApiError error() {
    return error;
  }

  /** OpenAI's error type. */
  public Optional<String> type() {
    return error.type();
  }

  /** OpenAI's error code. */
  public Optional<String> code() {
    return error.code();
  }

  /** The parameter the error is about. */
  public Optional<String> param() {
    return error.param();
  }

  /** The server's own message, without status or request id. */
  public Optional<String> apiMessage() {
    return error.message();
  }

  /** The {@code x-request-id} of the failed request; quote it to OpenAI support. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** How long the server asked the client to wait before trying again. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
