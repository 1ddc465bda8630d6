package dev.reve.openai.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.reve.openai.call.AuthStyle;
import dev.reve.openai.call.Cancellation;
import dev.reve.openai.call.Interrupts;
import dev.reve.openai.call.RateLimitInfo;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.call.ResponseMetadata;
import dev.reve.openai.call.RetryPolicy;
import dev.reve.openai.call.Sleeper;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.ApiTimeoutException;
import dev.reve.openai.error.MalformedResponseException;
import dev.reve.openai.error.OpenAiException;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.spi.ApiResponse;
import dev.reve.openai.spi.CancellableWork;
import dev.reve.openai.spi.Json;
import dev.reve.openai.spi.RawResponse;
import dev.reve.openai.spi.RetryDecision;
import dev.reve.openai.spi.ServerSentEventHandler;
import dev.reve.openai.spi.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The client's {@link Transport}: runs each call's attempts against one deadline, asking {@link
 * RetryDecision} after every failure. Not part of the public API.
 */
public final class HttpTransport implements Transport {
  /** Bytes of a body kept to quote it when it is malformed; ErrorBodies shows 200 characters. */
  private static final int QUOTED_HEAD_BYTES = 512;

  private final HttpRequests requests;
  private final ErrorMapper errors;
  private final EventStreamReader events;
  private final HttpLog log;
  private final Duration callTimeout;
  private final RetryDecision decision;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier jitter;
  private final Executor executor;
  private final long maxResponseBytes;

  /**
   * Creates the exchange; {@code apiKey} may be null for servers that need none. A body may hold
   * at most {@code maxResponseBytes}, one stream event at most {@code maxEventBytes}.
   */
  public HttpTransport(
      OkHttpClient http,
      HttpUrl baseUrl,
      String apiKey,
      AuthStyle authStyle,
      Map<String, String> headers,
      Duration callTimeout,
      RetryPolicy retryPolicy,
      Sleeper sleeper,
      Clock clock,
      DoubleSupplier jitter,
      Executor executor,
      long maxResponseBytes,
      long maxEventBytes) {
    this.log = new HttpLog(apiKey);
    this.requests = new HttpRequests(http, baseUrl, apiKey, authStyle, headers, log);
    this.errors = new ErrorMapper(log, clock);
    this.events = new EventStreamReader(log, maxResponseBytes, maxEventBytes);
    this.maxResponseBytes = maxResponseBytes;
    this.callTimeout = callTimeout;
    this.decision = new RetryDecision(retryPolicy);
    this.sleeper = sleeper;
    this.clock = clock;
    this.jitter = jitter;
    this.executor = executor;
  }

  @Override
  public <T> ApiResponse<T> send(ApiRequest request, Type type, Cancellation cancel) {
    JsonAdapter<T> adapter = Json.adapter(type);
    return run(request, false, cancel, (response, meta) -> {
      // Parsed straight from the socket through the one size cap. No peek(): it marks okio's
      // segments shared, so they never go back to the pool. The cap keeps the first bytes
      // instead, enough to quote a malformed body (and the whole traced body when tracing).
      BoundedSource bounded = BoundedSource.keepingHead(
          response.body(), maxResponseBytes, "the response body", "maxResponseBytes",
          HttpLog.LOG.isTraceEnabled() ? HttpLog.MAX_TRACE_BODY : QUOTED_HEAD_BYTES);
      T value;
      try (BufferedSource source = okio.Okio.buffer(bounded)) {
        JsonReader reader = JsonReader.of(source);
        value = adapter.fromJson(reader);
        if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
          throw new JsonDataException("JSON document was not fully consumed.");
        }
      } catch (JsonDataException | JsonEncodingException | java.io.EOFException e) {
        String body = bounded.head();
        log.traceBody("response", body);
        throw new MalformedResponseException(
            response.code(), log.redact(ErrorBodies.snippet(body)), meta.requestId().orElse(null),
            e.getMessage(), e);
      }
      if (HttpLog.LOG.isTraceEnabled()) {
        log.traceBody("response", bounded.head());
      }
      if (value == null) {
        throw new MalformedResponseException(
            response.code(), "null", meta.requestId().orElse(null), "body is JSON null", null);
      }
      return new ApiResponse<>(value, meta);
    });
  }

  @Override
  public RawResponse raw(ApiRequest request, Cancellation cancel) {
    return run(request, true, cancel, (response, meta) -> {
      ResponseBody body = response.body();
      return new RawResponse() {
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

  @Override
  public ResponseMetadata stream(ApiRequest request, ServerSentEventHandler handler, Cancellation cancel) {
    return run(request, false, cancel, (response, meta) -> events.read(response, meta, handler, cancel));
  }

  @Override
  public <T> CompletableFuture<T> async(CancellableWork<T> work) {
    return Cancellation.supplyAsync(executor, "this OpenAiClient", work::run);
  }

  @Override
  public String redact(String text) {
    return log.redact(text);
  }

  @FunctionalInterface
  private interface Handler<R> {
    R handle(Response response, ResponseMetadata meta) throws IOException;
  }

  private <R> R run(ApiRequest request, boolean keepOpen, Cancellation cancel, Handler<R> handler) {
    RequestOptions options = request.options();
    int maxRetries = options.maxRetries().orElse(decision.policy().maxRetries());
    Duration budget = options.callTimeout().orElse(callTimeout);
    Instant start = clock.instant();
    Instant deadline = budget.isZero() ? null : start.plus(budget);
    OkHttpClient client = requests.clientFor(options);
    okhttp3.Request httpRequest = requests.toHttp(request);
    // Built only for a log line or an error, never on the happy path.
    java.util.function.Supplier<String> label = () -> request.method() + " " + httpRequest.url().encodedPath();
    for (int attempt = 1; ; attempt++) {
      cancel.throwIfCancelled();
      Optional<Duration> remaining = remaining(deadline);
      if (remaining.isPresent() && (remaining.get().isNegative() || remaining.get().isZero())) {
        throw new ApiTimeoutException(
            label.get() + " gave up: the call timeout of " + RetryDecision.seconds(budget) + " passed", null);
      }
      Call call = client.newCall(httpRequest);
      remaining.ifPresent(r -> call.timeout().timeout(Math.max(1, r.toMillis()), TimeUnit.MILLISECONDS));
      cancel.attach(call);
      long started = System.nanoTime();
      Response response = null;
      boolean handedOver = false;
      try {
        response = call.execute();
        String requestId = log.redact(response.header("x-request-id"));
        logAttempt(label, response, started, attempt, requestId);
        if (!response.isSuccessful()) {
          ApiException failure = errors.toApiException(response, requestId);
          RetryDecision.Verdict verdict =
              decision.decide(failure, Optional.ofNullable(response.header("x-should-retry")),
                  attempt, maxRetries, remaining(deadline), jitter.getAsDouble());
          if (!verdict.retry()) {
            throw ErrorMapper.notRetried(failure, decision.policy().maxRetryAfter());
          }
          response.close();
          pause(label.get(), verdict.waitFor().get(), attempt, failure.getMessage(), cancel);
          continue;
        }
        R result = handler.handle(response, metadata(response, requestId, attempt, start));
        handedOver = keepOpen;
        return result;
      } catch (IOException e) {
        if (cancel.isCancelled()) {
          CancellationException cancelled = new CancellationException("cancelled by the caller");
          cancelled.initCause(e);
          throw cancelled;
        }
        boolean deadlinePassed = deadline != null && !clock.instant().isBefore(deadline);
        OpenAiException failure = errors.connectionFailure(label.get(), e, budget, deadlinePassed);
        if (deadlinePassed) {
          throw failure;
        }
        RetryDecision.Verdict verdict = decision.decide(
            failure, Optional.empty(), attempt, maxRetries, remaining(deadline), jitter.getAsDouble());
        if (!verdict.retry()) {
          throw failure;
        }
        pause(label.get(), verdict.waitFor().get(), attempt, failure.getMessage(), cancel);
      } finally {
        if (response != null && !handedOver) {
          response.close();
        }
      }
    }
  }

  private Optional<Duration> remaining(Instant deadline) {
    return deadline == null ? Optional.empty() : Optional.of(Duration.between(clock.instant(), deadline));
  }

  private static void logAttempt(java.util.function.Supplier<String> label, Response response, long started, int attempt, String requestId) {
    if (HttpLog.LOG.isDebugEnabled()) {
      HttpLog.LOG.debug(
          "{} -> {} in {} ms (attempt {}, request id {})",
          label.get(), response.code(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          attempt, requestId == null ? "-" : requestId);
    }
  }

  private void pause(String label, Duration wait, int attempt, String why, Cancellation cancel) {
    HttpLog.LOG.debug("{}: retry {} in {} ms after: {}", label, attempt, wait.toMillis(), why);
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      throw Interrupts.cancellation("interrupted while waiting", e);
    }
    cancel.throwIfCancelled();
  }

  /** The attempt's metadata; {@code requestId} is already redacted (once per attempt). */
  private ResponseMetadata metadata(Response response, String requestId, int attempts, Instant start) {
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
        response.code(), Optional.ofNullable(requestId), Optional.ofNullable(processing),
        RateLimitInfo.from(h), attempts, Duration.between(start, clock.instant()));
  }
}
