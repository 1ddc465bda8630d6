package dev.reve.openai.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.reve.openai.ApiConnectionException;
import dev.reve.openai.ApiError;
import dev.reve.openai.ApiException;
import dev.reve.openai.ApiRequest;
import dev.reve.openai.ApiResponse;
import dev.reve.openai.ApiTimeoutException;
import dev.reve.openai.Cancellation;
import dev.reve.openai.InsufficientQuotaException;
import dev.reve.openai.MalformedResponseException;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.OpenAiException;
import dev.reve.openai.RateLimitInfo;
import dev.reve.openai.RequestOptions;
import dev.reve.openai.ResponseMetadata;
import dev.reve.openai.RetryPolicy;
import dev.reve.openai.Sleeper;
import dev.reve.openai.StreamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP exchange under every call: builds the request, runs the retry loop against one
 * deadline, maps failures to typed exceptions and logs without secrets.
 *
 * <p>Not part of the public API.
 */
public final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger("dev.reve.openai.http");
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_TRACE_BODY = 16 * 1024;
  private static final String REDACTED = "[redacted]";

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final String apiKey;
  private final Map<String, String> headers;
  private final Duration callTimeout;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier jitter;

  /** Creates the exchange; {@code apiKey} may be null for servers that need none. */
  public Exchange(
      OkHttpClient http,
      HttpUrl baseUrl,
      String apiKey,
      Map<String, String> headers,
      Duration callTimeout,
      RetryPolicy retryPolicy,
      Sleeper sleeper,
      Clock clock,
      DoubleSupplier jitter) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.headers = Map.copyOf(headers);
    this.callTimeout = callTimeout;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.jitter = jitter;
  }

  /** Sends the request and parses a JSON body. */
  public <T> ApiResponse<T> json(ApiRequest request, Type type, Cancellation cancel) {
    JsonAdapter<T> adapter = Json.MOSHI.adapter(type);
    return run(
        request,
        false,
        cancel,
        (response, meta) -> {
          String body = response.body().string();
          traceBody("response", body);
          T value;
          try {
            value = adapter.fromJson(body);
          } catch (JsonDataException | JsonEncodingException | java.io.EOFException e) {
            throw new MalformedResponseException(
                response.code(),
                redact(ErrorBodies.snippet(body)),
                meta.requestId().orElse(null),
                e.getMessage(),
                e);
          }
          if (value == null) {
            throw new MalformedResponseException(
                response.code(), "null", meta.requestId().orElse(null), "body is JSON null", null);
          }
          return new ApiResponse<>(value, meta);
        });
  }

  /** Sends the request and hands the raw body to the caller, who must close it. */
  public OpenAiClient.RawResponse raw(ApiRequest request, Cancellation cancel) {
    return run(
        request,
        true,
        cancel,
        (response, meta) -> {
          ResponseBody body = response.body();
          return new OpenAiClient.RawResponse() {
            @Override
            public InputStream body() {
              return body.byteStream();
            }

            @Override
            public long contentLength() {
              return body.contentLength();
            }

            @Override
            public ResponseMetadata metadata() {
              return meta;
            }

            @Override
            public void close() {
              response.close();
            }
          };
        });
  }

  /** Sends the request and reads a server-sent event stream. */
  public ResponseMetadata stream(
      ApiRequest request, OpenAiClient.ServerSentEventHandler handler, Cancellation cancel) {
    return run(
        request,
        false,
        cancel,
        (response, meta) -> {
          StreamState state = new StreamState(response, handler);
          EventSources.processResponse(response, state);
          String requestId = meta.requestId().orElse(null);
          if (state.handlerError != null) {
            throw state.handlerError;
          }
          if (state.done) {
            return meta;
          }
          if (cancel.isCancelled()) {
            throw new CancellationException("stream cancelled by the caller");
          }
          Throwable failure = state.failure;
          if (failure instanceof IllegalStateException notSse) {
            throw new MalformedResponseException(
                response.code(),
                "(not an event stream)",
                requestId,
                notSse.getMessage(),
                notSse);
          }
          if (!state.delivered) {
            // Nothing reached the caller yet: safe to retry like any connection failure.
            throw failure instanceof IOException io
                ? io
                : new IOException("event stream closed before its first event", failure);
          }
          String detail =
              failure == null
                  ? "the server closed the connection"
                  : "the connection failed (" + failure + ")";
          throw StreamException.truncated(detail, requestId, failure);
        });
  }

  private final class StreamState extends EventSourceListener {
    private final Response response;
    private final OpenAiClient.ServerSentEventHandler handler;
    private volatile boolean delivered;
    private volatile boolean done;
    private volatile RuntimeException handlerError;
    private volatile Throwable failure;

    StreamState(Response response, OpenAiClient.ServerSentEventHandler handler) {
      this.response = response;
      this.handler = handler;
    }

    @Override
    public void onEvent(EventSource source, String id, String type, String data) {
      if (done || handlerError != null) {
        return;
      }
      delivered = true;
      if (LOG.isTraceEnabled()) {
        LOG.trace("event {}: {}", type == null ? "message" : type, redact(truncate(data)));
      }
      try {
        if (handler.onEvent(type, data)) {
          done = true;
          response.close();
        }
      } catch (RuntimeException e) {
        handlerError = e;
        response.close();
      }
    }

    @Override
    public void onFailure(EventSource source, Throwable t, Response r) {
      if (!done && handlerError == null) {
        failure = t;
      }
    }
  }

  @FunctionalInterface
  private interface Handler<R> {
    R handle(Response response, ResponseMetadata meta) throws IOException;
  }

  private <R> R run(ApiRequest request, boolean keepOpen, Cancellation cancel, Handler<R> handler) {
    RequestOptions options = request.options();
    int maxRetries = options.maxRetries().orElse(retryPolicy.maxRetries());
    Duration budget = options.callTimeout().orElse(callTimeout);
    Instant start = clock.instant();
    Instant deadline = budget.isZero() ? null : start.plus(budget);
    OkHttpClient client = clientFor(options);
    Request httpRequest = toHttp(request);
    String label = request.method() + " " + httpRequest.url().encodedPath();
    for (int attempt = 1; ; attempt++) {
      cancel.throwIfCancelled();
      Duration remaining = deadline == null ? null : Duration.between(clock.instant(), deadline);
      if (remaining != null && (remaining.isNegative() || remaining.isZero())) {
        throw new ApiTimeoutException(
            label + " gave up: the call timeout of " + seconds(budget) + " passed", null);
      }
      Call call = client.newCall(httpRequest);
      if (remaining != null) {
        call.timeout().timeout(Math.max(1, remaining.toMillis()), TimeUnit.MILLISECONDS);
      }
      cancel.attach(call);
      long started = System.nanoTime();
      Response response = null;
      boolean handedOver = false;
      try {
        response = call.execute();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String requestId = response.header("x-request-id");
        if (LOG.isDebugEnabled()) {
          LOG.debug(
              "{} -> {} in {} ms (attempt {}, request id {})",
              label,
              response.code(),
              millis,
              attempt,
              requestId == null ? "-" : requestId);
        }
        if (!response.isSuccessful()) {
          ApiException failure = toApiException(response, requestId);
          Optional<Duration> wait = waitBeforeRetry(response, failure, attempt, maxRetries, deadline);
          if (wait.isEmpty()) {
            throw withCapNote(response, failure, requestId);
          }
          response.close();
          pause(label, wait.get(), attempt, failure.getMessage(), cancel);
          continue;
        }
        ResponseMetadata meta = metadata(response, attempt, start);
        R result = handler.handle(response, meta);
        handedOver = keepOpen;
        return result;
      } catch (IOException e) {
        if (cancel.isCancelled()) {
          CancellationException cancelled = new CancellationException("cancelled by the caller");
          cancelled.initCause(e);
          throw cancelled;
        }
        OpenAiException failure = connectionFailure(label, e, budget, deadline);
        boolean timeLeft = deadline == null || clock.instant().isBefore(deadline);
        if (attempt > maxRetries || !timeLeft) {
          throw failure;
        }
        Duration wait = retryPolicy.backoff(attempt, jitter.getAsDouble());
        if (deadline != null && clock.instant().plus(wait).isAfter(deadline)) {
          throw failure;
        }
        pause(label, wait, attempt, failure.getMessage(), cancel);
      } finally {
        if (response != null && !handedOver) {
          response.close();
        }
      }
    }
  }

  private OpenAiException connectionFailure(
      String label, IOException e, Duration budget, Instant deadline) {
    boolean deadlinePassed = deadline != null && !clock.instant().isBefore(deadline);
    if (e instanceof InterruptedIOException) {
      String which =
          deadlinePassed || "timeout".equals(e.getMessage())
              ? "the call timeout of " + seconds(budget)
              : "a read, write or connect timeout";
      return new ApiTimeoutException(label + " timed out: " + which + " expired", e);
    }
    return new ApiConnectionException(
        label + " failed: " + e.getClass().getSimpleName() + ": " + redact(e.getMessage()), e);
  }

  private Optional<Duration> waitBeforeRetry(
      Response response, ApiException failure, int attempt, int maxRetries, Instant deadline) {
    if (attempt > maxRetries || failure instanceof InsufficientQuotaException) {
      return Optional.empty();
    }
    String shouldRetry = response.header("x-should-retry");
    boolean retry;
    if ("true".equalsIgnoreCase(shouldRetry)) {
      retry = true;
    } else if ("false".equalsIgnoreCase(shouldRetry)) {
      retry = false;
    } else {
      retry = RetryPolicy.isRetryableStatus(response.code());
    }
    if (!retry) {
      return Optional.empty();
    }
    Optional<Duration> asked = failure.retryAfter();
    if (asked.isPresent() && asked.get().compareTo(retryPolicy.maxRetryAfter()) > 0) {
      return Optional.empty();
    }
    Duration wait = asked.orElseGet(() -> retryPolicy.backoff(attempt, jitter.getAsDouble()));
    if (deadline != null && clock.instant().plus(wait).isAfter(deadline)) {
      return Optional.empty();
    }
    return Optional.of(wait);
  }

  private ApiException withCapNote(Response response, ApiException failure, String requestId) {
    Optional<Duration> asked = failure.retryAfter();
    if (asked.isEmpty() || asked.get().compareTo(retryPolicy.maxRetryAfter()) <= 0) {
      return failure;
    }
    return ApiException.of(
        failure.statusCode(),
        failure.error(),
        requestId,
        asked.get(),
        "Not retried: the server asked to wait "
            + seconds(asked.get())
            + ", longer than the "
            + seconds(retryPolicy.maxRetryAfter())
            + " cap (RetryPolicy.maxRetryAfter)");
  }

  private void pause(String label, Duration wait, int attempt, String why, Cancellation cancel) {
    LOG.debug("{}: retry {} in {} ms after: {}", label, attempt, wait.toMillis(), why);
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      throw Interrupts.cancellation("interrupted while waiting", e);
    }
    cancel.throwIfCancelled();
  }

  private ApiException toApiException(Response response, String requestId) throws IOException {
    String body = readLimited(response.body());
    traceBody("error response", body);
    ApiError parsed = ErrorBodies.parse(body);
    ApiError error =
        new ApiError(
            parsed.message().map(this::redact), parsed.type(), parsed.code(), parsed.param());
    Duration retryAfter = RetryAfter.parse(response.headers(), clock).orElse(null);
    return ApiException.of(response.code(), error, requestId, retryAfter, null);
  }

  private static String readLimited(ResponseBody body) throws IOException {
    okio.BufferedSource source = body.source();
    source.request(MAX_ERROR_BODY);
    okio.Buffer buffer = source.getBuffer();
    long size = Math.min(buffer.size(), MAX_ERROR_BODY);
    return buffer.clone().readUtf8(size);
  }

  private ResponseMetadata metadata(Response response, int attempts, Instant start) {
    Headers h = response.headers();
    Duration processing = null;
    String ms = h.get("openai-processing-ms");
    if (ms != null) {
      try {
        processing = Duration.ofMillis(Math.round(Double.parseDouble(ms.trim())));
      } catch (NumberFormatException ignored) {
        // leave empty
      }
    }
    return new ResponseMetadata(
        response.code(),
        Optional.ofNullable(h.get("x-request-id")),
        Optional.ofNullable(processing),
        RateLimitInfo.from(h),
        attempts,
        Duration.between(start, clock.instant()));
  }

  private OkHttpClient clientFor(RequestOptions options) {
    if (options.readTimeout().isEmpty() && options.writeTimeout().isEmpty()) {
      return http;
    }
    OkHttpClient.Builder b = http.newBuilder();
    options.readTimeout().ifPresent(b::readTimeout);
    options.writeTimeout().ifPresent(b::writeTimeout);
    return b.build();
  }

  private Request toHttp(ApiRequest request) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(request.path());
    request.segments().forEach(url::addPathSegment);
    request.query().forEach(url::addQueryParameter);
    Request.Builder b = new Request.Builder().url(url.build());
    headers.forEach(b::header);
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    request.headers().forEach(b::header);
    if (b.build().header("Accept") == null) {
      b.header("Accept", "application/json");
    }
    RequestBody body = null;
    if (request.jsonBody().isPresent()) {
      String text = Json.MOSHI.adapter(Object.class).toJson(request.jsonBody().get());
      traceBody("request", text);
      body = RequestBody.create(text, JSON);
    } else if (request.rawBody().isPresent()) {
      body = request.rawBody().get();
    } else if (!"GET".equals(request.method()) && !"DELETE".equals(request.method())) {
      body = RequestBody.create(new byte[0], null);
    }
    Request built = b.method(request.method(), body).build();
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} {} headers: {}", built.method(), built.url(), redactedHeaders(built.headers()));
    }
    return built;
  }

  private static String redactedHeaders(Headers headers) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      boolean secret =
          lower.equals("authorization")
              || lower.equals("proxy-authorization")
              || lower.contains("api-key")
              || lower.contains("apikey")
              || lower.contains("token")
              || lower.contains("cookie");
      text.append(name).append('=').append(secret ? REDACTED : headers.value(i)).append("; ");
    }
    return text.toString();
  }

  private void traceBody(String what, String body) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} body: {}", what, redact(truncate(body)));
    }
  }

  private static String truncate(String body) {
    return body == null || body.length() <= MAX_TRACE_BODY
        ? body
        : body.substring(0, MAX_TRACE_BODY) + "...(" + body.length() + " chars)";
  }

  /** Replaces any occurrence of the API key in text that may be logged or thrown. */
  public String redact(String text) {
    if (text == null || apiKey == null || apiKey.length() < 4) {
      return text;
    }
    return text.replace(apiKey, REDACTED);
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
