package dev.reve.finetune;

import dev.reve.openai.OpenAiClient;
import dev.reve.testing.FakeClock;
import dev.reve.testing.FakeSleeper;
import dev.reve.testkit.OpenAiEmulator;
import java.time.Instant;
import mockwebserver3.MockWebServer;

/** Clients pointed at a MockWebServer or the OpenAI emulator, with fake time. */
public final class TestClients {
  /** The key used in tests; asserted never to leak. */
  public static final String KEY = "sk-test-secret-key-1234567890";

  private TestClients() {}

  /** A fake clock at a fixed start. */
  public static FakeClock clock() {
    return new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A client on {@code server} whose retries wait on {@code sleeper}. */
  public static OpenAiClient client(MockWebServer server, FakeSleeper sleeper, FakeClock clock) {
    return OpenAiClient.builder()
        .baseUrl(server.url("/v1/").toString())
        .apiKey(KEY)
        .sleeper(sleeper)
        .clock(clock)
        .jitter(() -> 0.5)
        .build();
  }

  /** A fine-tuning service on {@code server} with fake time shared by client and service. */
  public static FineTuningService service(MockWebServer server, FakeSleeper sleeper, FakeClock clock) {
    return FineTuningService.builder(client(server, sleeper, clock)).sleeper(sleeper).clock(clock).build();
  }

  /** A fine-tuning service on the emulator, with the test key and fake time shared by client and service. */
  public static FineTuningService service(OpenAiEmulator emulator, FakeSleeper sleeper, FakeClock clock) {
    OpenAiClient client = emulator.clientBuilder(sleeper, clock).apiKey(KEY).jitter(() -> 0.5).build();
    return FineTuningService.builder(client).sleeper(sleeper).clock(clock).build();
  }
}
