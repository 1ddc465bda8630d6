package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.OpenAiClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Waiting on the request log for a client in another thread. */
class RequestLogTest {
  @Test
  void awaitReceivedWakesWhenTheRequestsArrive() throws Exception {
    try (OpenAiEmulator emulator = OpenAiEmulator.start(); OpenAiClient client = emulator.clientBuilder().build()) {
      CompletableFuture<Void> calls = CompletableFuture.runAsync(() -> {
        client.models().list();
        client.models().list();
      });

      assertThat(emulator.requests().awaitReceived(Requests.to("GET", "models"), 2, Duration.ofSeconds(30)))
          .hasSizeGreaterThanOrEqualTo(2);
      calls.join();
    }
  }

  @Test
  void awaitReceivedSaysHowManyArrivedWhenTheWaitEnds() throws Exception {
    try (OpenAiEmulator emulator = OpenAiEmulator.start(); OpenAiClient client = emulator.clientBuilder().build()) {
      client.models().list();

      assertThatThrownBy(() -> emulator.requests().awaitReceived(Requests.to("GET", "models"), 3, Duration.ofMillis(50)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("3 matching requests; 1 arrived");
    }
  }

  @Test
  void theDefaultKeyIsNotWrittenInTheCode() {
    assertThat(OpenAiEmulator.API_KEY).isNotBlank().doesNotStartWith("sk-");
    try (OpenAiEmulator emulator = OpenAiEmulator.start()) {
      assertThat(emulator.apiKey()).isEqualTo(OpenAiEmulator.API_KEY);
    }
  }
}
