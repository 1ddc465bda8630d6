package dev.reve.openai.internal;

import dev.reve.openai.error.ApiConnectionException;
import dev.reve.openai.error.ApiError;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.ApiTimeoutException;
import dev.reve.openai.error.OpenAiException;
import dev.reve.openai.error.StreamException;
import dev.reve.openai.spi.RetryDecision;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** The one mapping from failed responses, error bodies and I/O failures to typed exceptions. */
public final class ErrorMapper {
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final HttpLog log;
  private final Clock clock;

  ErrorMapper(HttpLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** The typed exception for an unsuccessful response; reads at most 64 KiB of its body. */
  ApiException toApiException(Response response, String requestId) throws IOException {
    String body = log.redact(readLimited(response.body()));
    log.traceBody("error response", body);
    ApiError parsed = ErrorBodies.parse(body);
    ApiError error =
        new ApiError(parsed.message().map(log::redact), parsed.type().map(log::redact),
            parsed.code().map(log::redact), parsed.param().map(log::redact));
    Duration retryAfter = RetryAfter.parse(response.headers(), clock).orElse(null);
    return ApiException.of(response.code(), error, requestId, retryAfter, null);
  }

  /** The same exception with the reason a retry was refused, when a long wait was the reason. */
  static ApiException notRetried(ApiException failure, Duration cap) {
    if (failure.retryAfter().isEmpty() || failure.retryAfter().get().compareTo(cap) <= 0) {
      return failure;
    }
    Duration asked = failure.retryAfter().get();
    return ApiException.of(
        failure.statusCode(),
        failure.error(),
        failure.requestId().orElse(null),
        asked,
        "Not retried: the server asked to wait " + RetryDecision.seconds(asked) + ", longer than the "
            + RetryDecision.seconds(cap) + " cap (RetryPolicy.maxRetryAfter)");
  }

  /** A timeout or connection failure, saying which limit passed. */
  OpenAiException connectionFailure(String label, IOException e, Duration budget, boolean deadlinePassed) {
    if (e instanceof InterruptedIOException) {
      String which =
          deadlinePassed || "timeout".equals(e.getMessage())
              ? "the call timeout of " + RetryDecision.seconds(budget)
              : "a read, write or connect timeout";
      return new ApiTimeoutException(label + " timed out: " + which + " expired", e);
    }
    return new ApiConnectionException(
        label + " failed: " + e.getClass().getSimpleName() + ": " + log.redact(e.getMessage()), e);
  }

  /**
   * An error event inside a stream ({@code event: error} or an {@code {"error": ...}} chunk),
   * read by the same parser as error bodies, after {@code redactor} has removed secrets.
   */
  public static StreamException streamError(String payload, java.util.function.UnaryOperator<String> redactor) {
    payload = redactor.apply(payload);
    ApiError error = ErrorBodies.parse(payload);
    String message = error.message().filter(m -> !m.startsWith("non-JSON error body")).orElse(payload);
    return StreamException.serverError(message, error.type().orElse(null), error.code().orElse(null), null);
  }

  private static String readLimited(ResponseBody body) throws IOException {
    okio.BufferedSource source = body.source();
    source.request(MAX_ERROR_BODY);
    okio.Buffer buffer = source.getBuffer();
    long size = Math.min(buffer.size(), MAX_ERROR_BODY);
    return buffer.clone().readUtf8(size);
  }
}
