package dev.reve.openai;

import dev.reve.testing.FakeClock;
import dev.reve.testing.FakeSleeper;
import java.time.Instant;
import mockwebserver3.MockWebServer;

/** Clients pointed at a MockWebServer with a fake key, sleeper and clock, and no jitter. */
final class TestClients {
  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuvwxyzSECRET";

  final FakeClock clock = new FakeClock(Instant.parse("2026-11-25T12:00:00Z"));
  final FakeSleeper sleeper = new FakeSleeper(clock);

  OpenAiClient.Builder builder(MockWebServer server) {
    return OpenAiClient.builder()
        .apiKey(KEY)
        .baseUrl(server.url("/v1/").toString())
        .sleeper(sleeper)
        .clock(clock)
        .jitter(() -> 0.0);
  }
}
