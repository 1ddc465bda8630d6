package dev.reve.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimeoutAndCancellationTest {
  private final MockWebServer server = new MockWebServer();
  private final TestClients clients = new TestClients();
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private static ChatRequest hello() {
    return ChatRequest.builder().model("gpt-4o-mini").addMessage(ChatMessage.user("hi")).build();
  }

  private static MockResponse slow() {
    return new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body(RetryTest.OK).build();
  }

  @Test
  void readTimeoutIsATypedTimeoutAndIsRetried() {
    client = clients.builder(server).readTimeout(Duration.ofMillis(200)).maxRetries(1).build();
    server.enqueue(slow());
    server.enqueue(slow());

    ApiTimeoutException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> catchThrowableOfType(ApiTimeoutException.class, () -> client.chat().create(hello())));

    assertThat(e).isInstanceOf(ApiConnectionException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void perRequestCallTimeoutBoundsTheWholeCall() {
    client = clients.builder(server).build();
    server.enqueue(slow());

    ApiTimeoutException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> catchThrowableOfType(ApiTimeoutException.class,
                () -> client.chat().create(hello(), RequestOptions.callTimeout(Duration.ofMillis(300)))));

    assertThat(e.getMessage()).contains("timed out");
  }

  @Test
  void cancellingTheFutureCancelsTheHttpCall() throws Exception {
    client = clients.builder(server).build();
    server.enqueue(new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body(RetryTest.OK).build());

    CompletableFuture<ChatCompletion> future = client.chat().createAsync(hello());
    server.takeRequest(10, TimeUnit.SECONDS);
    future.cancel(true);

    assertThat(future).isCancelled();
    // The server sees the connection go away long before its 30 s delay: the next request is
    // served at once on a new connection.
    server.enqueue(new MockResponse.Builder().body(RetryTest.OK).build());
    ChatCompletion next =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> client.chat().create(hello()));
    assertThat(next.text()).contains("fine");
  }

  @Test
  void asyncFailuresCompleteTheFutureExceptionally() {
    client = clients.builder(server).maxRetries(0).build();
    server.enqueue(new MockResponse.Builder().code(401).build());

    CompletableFuture<ChatCompletion> future = client.chat().createAsync(hello());

    ExecutionException e =
        catchThrowableOfType(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void cancellationTokenStopsLaterRetries() {
    client = clients.builder(server).build();
    Cancellation cancel = new Cancellation();
    cancel.cancel();

    catchThrowableOfType(CancellationException.class,
        () -> client.execute(ApiRequest.get("models").build(), Object.class, cancel));

    assertThat(server.getRequestCount()).isZero();
  }
}
