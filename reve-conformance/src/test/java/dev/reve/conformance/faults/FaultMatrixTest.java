package dev.reve.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.conformance.support.ScriptedDispatcher;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.InternalServerException;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.RateLimitException;
import dev.reve.openai.call.RetryPolicy;
import dev.reve.openai.call.Sleeper;
import dev.reve.openai.error.StreamException;
import dev.reve.testkit.VirtualTime;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every call type against every fault, once (the retry heals it) and persistently (every attempt
 * fails): the outcome, the number of attempts seen by the server and reported in {@link
 * dev.reve.openai.call.ResponseMetadata#attempts()}, and the waits taken, all as {@link Expectation}
 * predicts. Waits are recorded by virtual time, so they take no real time.
 */
class FaultMatrixTest {
  static final String KEY = "sk-fault-test-0123456789abcdefSECRET";
  static final RetryPolicy POLICY = RetryPolicy.DEFAULT.maxRetries(2);
  /** Far above what any case needs; only a hang reaches it. */
  static final Duration NO_HANG = Duration.ofSeconds(30);

  private final MockWebServer server = new MockWebServer();
  private final ScriptedDispatcher script = new ScriptedDispatcher();
  private final VirtualTime time = new VirtualTime(Instant.parse("2026-03-01T09:00:00Z"));
  private OpenAiClient client;
  @TempDir Path dir;

  enum Persistence {
    ONCE(1),
    EVERY_ATTEMPT(POLICY.maxRetries() + 1);

    final int faultyAttempts;

    Persistence(int faultyAttempts) {
      this.faultyAttempts = faultyAttempts;
    }
  }

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(script);
    server.start();
    client = client(server, time, time).build();
  }

  /** The client every fault test uses: short read timeout, no jitter, fake waits. */
  static OpenAiClient.Builder client(MockWebServer server, Sleeper sleeper, java.time.Clock clock) {
    return OpenAiClient.builder()
        .baseUrl(server.url("/v1/").toString())
        .apiKey(KEY)
        .retryPolicy(POLICY)
        .sleeper(sleeper)
        .clock(clock)
        .jitter(() -> 0.0)
        .readTimeout(Duration.ofMillis(250))
        // Virtual time moves only by the recorded waits (at most 2 s per call here), so the
        // deadline never expires from real time (CallTimeoutTest covers that with a real clock);
        // what is left of it bounds each attempt in real time.
        .callTimeout(Duration.ofMillis(2500));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (CallType call : CallType.values()) {
      for (Fault fault : Fault.values()) {
        if (fault.appliesTo(call)) {
          for (Persistence persistence : Persistence.values()) {
            cases.add(Arguments.of(call, fault, persistence));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} / {1} / {2}")
  @MethodSource("matrix")
  void faultEndsAsPredicted(CallType call, Fault fault, Persistence persistence) {
    List<Fault> faults = Collections.nCopies(persistence.faultyAttempts, fault);
    faults.forEach(f -> script.then(() -> f.response(call, "m1", time)));
    script.then(() -> call.success("m1"));
    Expectation expected = Expectation.of(call, faults, POLICY);

    assertTimeoutPreemptively(
        NO_HANG,
        () -> {
          CallType.Result[] result = new CallType.Result[1];
          Throwable thrown = catchThrowable(() -> result[0] = call.invoke(new CallType.Env(client, dir), "m1"));

          if (expected.succeeds()) {
            assertThat(thrown).as("call should have healed").isNull();
            assertThat(result[0].value()).isEqualTo(call.expected("m1"));
            result[0]
                .metadata()
                .ifPresent(
                    meta -> {
                      assertThat(meta.attempts()).isEqualTo(expected.attempts());
                      assertThat(meta.statusCode()).isEqualTo(200);
                    });
          } else {
            assertThat(thrown).isInstanceOf(expected.failure().get());
            assertDetails(fault, thrown);
            assertThat(thrown.getMessage()).doesNotContain(KEY);
          }
        });
    assertThat(server.getRequestCount()).as("attempts seen by the server").isEqualTo(expected.attempts());
    assertThat(time.waits()).as("waits between attempts").isEqualTo(expected.waits());
    for (int i = 0; i < expected.attempts(); i++) {
      RecordedRequest attempt = takeRequest();
      call.checkRequest(attempt, "m1");
      assertThat(attempt.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }
  }

  private RecordedRequest takeRequest() {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).as("recorded attempt").isNotNull();
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void assertDetails(Fault fault, Throwable thrown) {
    switch (fault) {
      case RETRY_AFTER_SECONDS ->
          assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofSeconds(1));
      case RETRY_AFTER_MILLIS ->
          assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofMillis(600));
      case RETRY_AFTER_HTTP_DATE ->
          assertThat(((RateLimitException) thrown).retryAfter()).contains(Duration.ofSeconds(1));
      case INSUFFICIENT_QUOTA -> {
        assertThat(((ApiException) thrown).code()).contains("insufficient_quota");
        assertThat(((ApiException) thrown).statusCode()).isEqualTo(429);
      }
      case HTTP_500, HTTP_503, HTTP_504 ->
          assertThat(((InternalServerException) thrown).statusCode())
              .isEqualTo(Integer.parseInt(fault.name().substring(5, 8)));
      case HTTP_502_HTML -> {
        assertThat(((InternalServerException) thrown).statusCode()).isEqualTo(502);
        assertThat(thrown.getMessage()).contains("502 Bad Gateway").doesNotContain("<html>");
      }
      case SSE_CUT_BEFORE_DONE -> assertThat(((StreamException) thrown).truncated()).isTrue();
      case SSE_ERROR_EVENT -> {
        StreamException e = (StreamException) thrown;
        assertThat(e.truncated()).isFalse();
        assertThat(e.type()).contains("server_error");
        assertThat(e.code()).contains("overloaded");
      }
      case RESET_MID_BODY -> {
        if (thrown instanceof StreamException e) {
          assertThat(e.truncated()).isTrue();
        }
      }
      default -> {
        // the type is the whole contract
      }
    }
  }
}
