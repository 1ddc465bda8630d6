package dev.reve.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.conformance.support.ScriptedDispatcher;
import dev.reve.openai.error.ApiTimeoutException;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.StreamException;
import dev.reve.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that stops talking, with a read timeout far longer than the call timeout: the call
 * timeout alone ends the call, whether the server stalls before the headers or in the middle of
 * the body. The bound of {@link #NO_HANG} only catches a hang; it is not a timing assertion.
 */
class CallTimeoutTest {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
  static final Duration NO_HANG = Duration.ofSeconds(15);

  private final MockWebServer server = new MockWebServer();
  private final ScriptedDispatcher script = new ScriptedDispatcher();
  private OpenAiClient client;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(script);
    server.start();
    client =
        FaultMatrixTest.client(server, new VirtualTime(), Clock.systemUTC())
            .readTimeout(Duration.ofMinutes(5))
            .callTimeout(CALL_TIMEOUT)
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CallType.class)
  void stallBeforeTheHeadersEndsAtTheCallTimeout(CallType call) {
    for (int i = 0; i < 3; i++) {
      script.then(() -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    }

    Throwable thrown =
        assertTimeoutPreemptively(NO_HANG, () -> catchThrowable(() -> call.invoke(new CallType.Env(client, dir), "t1")));

    assertThat(thrown).isInstanceOf(ApiTimeoutException.class).hasMessageContaining("call timeout");
    assertThat(server.getRequestCount()).as("no retry once the deadline passed").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CallType.class)
  void stallInTheMiddleOfTheBodyEndsAtTheCallTimeout(CallType call) {
    script.then(
        () ->
            call.success(new MockResponse.Builder(), "t2")
                .throttleBody(64, 0, TimeUnit.MILLISECONDS)
                .onResponseBody(SocketEffect.Stall.INSTANCE)
                .build());

    Throwable thrown =
        assertTimeoutPreemptively(NO_HANG, () -> catchThrowable(() -> call.invoke(new CallType.Env(client, dir), "t2")));

    if (call.streams()) {
      assertThat(thrown).isInstanceOfSatisfying(StreamException.class, e -> assertThat(e.truncated()).isTrue());
    } else {
      assertThat(thrown).isInstanceOf(ApiTimeoutException.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
