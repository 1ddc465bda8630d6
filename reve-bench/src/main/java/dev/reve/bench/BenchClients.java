package dev.reve.bench;

import dev.reve.openai.OpenAiClient;

/** Clients for the loopback server. */
final class BenchClients {
  /** A placeholder key: the loopback server checks nothing, the client wants one for https hosts only. */
  static final String KEY = "bench-placeholder-key";

  private BenchClients() {}

  /** A client of {@code api} that never retries, so every measured call is one exchange. */
  static OpenAiClient of(LoopbackApi api) {
    return OpenAiClient.builder().apiKey(KEY).baseUrl(api.baseUrl()).maxRetries(0).build();
  }
}
