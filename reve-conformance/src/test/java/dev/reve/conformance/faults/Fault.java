package dev.reve.conformance.faults;

import dev.reve.conformance.support.Bodies;
import dev.reve.openai.error.ApiConnectionException;
import dev.reve.openai.error.ApiTimeoutException;
import dev.reve.openai.error.InsufficientQuotaException;
import dev.reve.openai.error.InternalServerException;
import dev.reve.openai.error.MalformedResponseException;
import dev.reve.openai.error.OpenAiException;
import dev.reve.openai.error.RateLimitException;
import dev.reve.openai.call.RetryPolicy;
import dev.reve.openai.error.StreamException;
import dev.reve.testkit.ChatCompletionBodies;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * One way a server, proxy or network fails an attempt, with what the client is expected to make
 * of it: whether it retries, how long it waits first, and which exception ends the call when the
 * fault persists.
 */
public enum Fault {
  RESET_BEFORE_RESPONSE("connection reset before the response"),
  RESET_MID_BODY("connection reset in the middle of the body"),
  RETRY_AFTER_SECONDS("429 with Retry-After: 1"),
  RETRY_AFTER_MILLIS("429 with retry-after-ms: 600 (and Retry-After: 9)"),
  RETRY_AFTER_HTTP_DATE("429 with Retry-After as an HTTP-date 1 s ahead"),
  INSUFFICIENT_QUOTA("429 insufficient_quota"),
  HTTP_500("500 with OpenAI's error body"),
  HTTP_502_HTML("502 with a proxy's HTML page"),
  HTTP_503("503 with an empty body"),
  HTTP_504("504 with a plain-text body"),
  READ_TIMEOUT("no response within the read timeout"),
  MALFORMED_JSON("200 with a body that is not JSON"),
  SSE_CUT_BEFORE_DONE("event stream ends before [DONE]"),
  SSE_ERROR_EVENT("error event inside the stream");

  private final String description;

  Fault(String description) {
    this.description = description;
  }

  /** What the fault looks like on the wire. */
  public String description() {
    return description;
  }

  /** Whether this fault can happen to {@code call}: stream faults only to streams. */
  public boolean appliesTo(CallType call) {
    return call.streams() || (this != SSE_CUT_BEFORE_DONE && this != SSE_ERROR_EVENT);
  }

  /**
   * Whether the client tries again. A stream is retried only before its first event reaches the
   * caller; a 200 with a broken body is not retried (the server may have done the work).
   */
  public boolean retried(CallType call) {
    return switch (this) {
      case RESET_MID_BODY -> !call.streams();
      case INSUFFICIENT_QUOTA, MALFORMED_JSON, SSE_CUT_BEFORE_DONE, SSE_ERROR_EVENT -> false;
      default -> true;
    };
  }

  /** The wait before retry number {@code retry} (1-based) after this fault, with no jitter. */
  public Duration expectedWait(int retry, RetryPolicy policy) {
    return switch (this) {
      case RETRY_AFTER_SECONDS -> Duration.ofSeconds(1);
      case RETRY_AFTER_MILLIS -> Duration.ofMillis(600);
      case RETRY_AFTER_HTTP_DATE -> Duration.ofSeconds(1);
      default -> policy.backoff(retry, 0.0);
    };
  }

  /** The exception that ends a call whose last attempt met this fault. */
  public Class<? extends OpenAiException> failure(CallType call) {
    return switch (this) {
      case RESET_BEFORE_RESPONSE -> ApiConnectionException.class;
      case RESET_MID_BODY -> call.streams() ? StreamException.class : ApiConnectionException.class;
      case RETRY_AFTER_SECONDS, RETRY_AFTER_MILLIS, RETRY_AFTER_HTTP_DATE -> RateLimitException.class;
      case INSUFFICIENT_QUOTA -> InsufficientQuotaException.class;
      case HTTP_500, HTTP_502_HTML, HTTP_503, HTTP_504 -> InternalServerException.class;
      case READ_TIMEOUT -> ApiTimeoutException.class;
      case MALFORMED_JSON -> MalformedResponseException.class;
      case SSE_CUT_BEFORE_DONE, SSE_ERROR_EVENT -> StreamException.class;
    };
  }

  /** The response for one faulty attempt, built when the request arrives. */
  public MockResponse response(CallType call, String tag, Clock clock) {
    MockResponse.Builder b = new MockResponse.Builder();
    switch (this) {
      case RESET_BEFORE_RESPONSE -> b.onResponseStart(SocketEffect.ShutdownConnection.INSTANCE);
      case RESET_MID_BODY ->
          call.success(b, tag)
              .throttleBody(64, 0, TimeUnit.MILLISECONDS)
              .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE);
      case RETRY_AFTER_SECONDS -> rateLimited(b).addHeader("Retry-After", "1");
      case RETRY_AFTER_MILLIS ->
          rateLimited(b).addHeader("retry-after-ms", "600").addHeader("Retry-After", "9");
      case RETRY_AFTER_HTTP_DATE ->
          rateLimited(b)
              .addHeader(
                  "Retry-After",
                  DateTimeFormatter.RFC_1123_DATE_TIME.format(
                      clock.instant().plusSeconds(1).atZone(ZoneOffset.UTC)));
      case INSUFFICIENT_QUOTA ->
          json(b.code(429))
              .body(
                  Bodies.error(
                      "You exceeded your current quota, please check your plan and billing details.",
                      "insufficient_quota",
                      "insufficient_quota"));
      case HTTP_500 ->
          json(b.code(500))
              .body(Bodies.error("The server had an error while processing your request.", "server_error", null));
      case HTTP_502_HTML ->
          b.code(502).addHeader("Content-Type", "text/html").body(Bodies.BAD_GATEWAY_HTML);
      case HTTP_503 -> b.code(503);
      case HTTP_504 -> b.code(504).addHeader("Content-Type", "text/plain").body("upstream request timeout");
      case READ_TIMEOUT -> b.onResponseStart(SocketEffect.Stall.INSTANCE);
      case MALFORMED_JSON -> {
        if (call.streams()) {
          b.addHeader("Content-Type", "text/event-stream")
              .body(ChatCompletionBodies.event("{\"id\":\"chatcmpl-2\",\"choices\":[{\"delta\":") + ChatCompletionBodies.event("[DONE]"));
        } else {
          json(b).body("{\"id\": \"x\", \"object\": <html>oops</html>");
        }
      }
      case SSE_CUT_BEFORE_DONE ->
          b.addHeader("Content-Type", "text/event-stream")
              .body(ChatCompletionBodies.event(CELLAR.chunk("The cellar ")) + ChatCompletionBodies.event(CELLAR.chunk("is")));
      case SSE_ERROR_EVENT ->
          b.addHeader("Content-Type", "text/event-stream")
              .body(
                  ChatCompletionBodies.event(CELLAR.chunk("The cellar "))
                      + "event: error\n"
                      + ChatCompletionBodies.event(Bodies.error("The model is overloaded.", "server_error", "overloaded")));
    }
    return b.build();
  }

  /** The chat answer a broken stream was cutting off. */
  private static final ChatCompletionBodies CELLAR =
      ChatCompletionBodies.text("The cellar is").id("chatcmpl-2").model("gpt-4o-mini-2024-07-18");

  private static MockResponse.Builder rateLimited(MockResponse.Builder b) {
    return json(b.code(429))
        .body(Bodies.error("Rate limit reached for gpt-4o-mini on requests per min (RPM).", "requests", "rate_limit_exceeded"));
  }

  private static MockResponse.Builder json(MockResponse.Builder b) {
    return b.addHeader("Content-Type", "application/json");
  }

  @Override
  public String toString() {
    return description;
  }
}
