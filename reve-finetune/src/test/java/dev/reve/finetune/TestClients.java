package dev.reve.finetune;

import dev.reve.openai.OpenAiClient;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.VirtualTime;
import java.time.Instant;
import mockwebserver3.MockWebServer;

/** Clients pointed at a MockWebServer or the OpenAI emulator, with fake time. */
public final class TestClients {
  /** The key used in tests; asserted never to leak. */
  public static final String KEY = "sk-test-secret-key-1234567890";

  private TestClients() {}

  /** Virtual time (clock and sleeper in one) at a fixed start. */
  public static VirtualTime time() {
    return new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A client on {@code server} whose retries wait on {@code time}. */
  public static OpenAiClient client(MockWebServer server, VirtualTime time) {
    return OpenAiClient.builder()
        .baseUrl(server.url("/v1/").toString())
        .apiKey(KEY)
        .sleeper(time)
        .clock(time)
        .jitter(() -> 0.5)
        .build();
  }

  /** A fine-tuning service on {@code server} with virtual time shared by client and service. */
  public static FineTuningService service(MockWebServer server, VirtualTime time) {
    return FineTuningService.builder(client(server, time)).sleeper(time).clock(time).build();
  }

  /** A fine-tuning service on the emulator, with the test key and virtual time shared by client and service. */
  public static FineTuningService service(OpenAiEmulator emulator, VirtualTime time) {
    OpenAiClient client = emulator.clientBuilder(time, time).apiKey(KEY).jitter(() -> 0.5).build();
    return FineTuningService.builder(client).sleeper(time).clock(time).build();
  }
}
