package dev.reve.testing;

import dev.reve.openai.OpenAiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer on loopback and an {@link OpenAiClient} pointed at it, with a fake key, a
 * {@link FakeSleeper} on a {@link FakeClock} and no jitter, fresh for every test.
 *
 * <pre>{@code @RegisterExtension final MockOpenAi api = new MockOpenAi();}</pre>
 */
public final class MockOpenAi implements BeforeEachCallback, AfterEachCallback {
  /** The fake API key every client here uses; tests assert it never leaks. */
  public static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuvwxyzSECRET";

  private final UnaryOperator<OpenAiClient.Builder> settings;
  private FakeClock clock;
  private FakeSleeper sleeper;
  private MockWebServer server;
  private OpenAiClient client;

  /** Default client settings. */
  public MockOpenAi() {
    this(b -> b);
  }

  /** Client settings adjusted by {@code settings}. */
  public MockOpenAi(UnaryOperator<OpenAiClient.Builder> settings) {
    this.settings = settings;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    clock = new FakeClock(Instant.parse("2026-11-25T12:00:00Z"));
    sleeper = new FakeSleeper(clock);
    server = new MockWebServer();
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (client != null) {
      client.close();
      client = null;
    }
    server.close();
  }

  /** A builder for a client of this server with the fake key, sleeper, clock and no jitter. */
  public OpenAiClient.Builder builder() {
    return settings.apply(
        OpenAiClient.builder()
            .apiKey(KEY)
            .baseUrl(server.url("/v1/").toString())
            .sleeper(sleeper)
            .clock(clock)
            .jitter(() -> 0.0));
  }

  /** The client of this test, built on first use and closed after the test. */
  public OpenAiClient client() {
    if (client == null) {
      client = builder().build();
    }
    return client;
  }

  /** Replaces the client of this test (the old one is closed). */
  public OpenAiClient client(UnaryOperator<OpenAiClient.Builder> adjust) {
    if (client != null) {
      client.close();
    }
    client = adjust.apply(builder()).build();
    return client;
  }

  /** The server. */
  public MockWebServer server() {
    return server;
  }

  /** The recorded waits between retries. */
  public FakeSleeper sleeper() {
    return sleeper;
  }

  /** The fake clock, moved by the sleeper. */
  public FakeClock clock() {
    return clock;
  }

  /** Queues a response. */
  public MockOpenAi enqueue(MockResponse response) {
    server.enqueue(response);
    return this;
  }

  /** Queues a JSON response with a status. */
  public MockOpenAi enqueueJson(int code, String json) {
    return enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  /** The next recorded request's body as text. */
  public String takeBody() {
    try {
      return server.takeRequest().getBody().utf8();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
