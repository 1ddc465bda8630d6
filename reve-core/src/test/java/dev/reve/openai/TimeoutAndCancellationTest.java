package dev.reve.openai;

import dev.reve.openai.call.Cancellation;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.error.ApiConnectionException;
import dev.reve.openai.error.ApiTimeoutException;
import dev.reve.openai.error.AuthenticationException;
import dev.reve.openai.spi.ApiRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.testing.CancelledCalls;
import dev.reve.testing.MockOpenAi;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TimeoutAndCancellationTest {
  @RegisterExtension final MockOpenAi api = new MockOpenAi();

  private static ChatRequest hello() {
    return ChatRequest.builder().model("gpt-4o-mini").addMessage(ChatMessage.user("hi")).build();
  }

  private static MockResponse slow() {
    return new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body(RetryTest.OK).build();
  }

  @Test
  void readTimeoutIsATypedTimeoutAndIsRetried() {
    api.client(b -> b.readTimeout(Duration.ofMillis(200)).maxRetries(1));
    api.server().enqueue(slow());
    api.server().enqueue(slow());

    ApiTimeoutException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> catchThrowableOfType(ApiTimeoutException.class, () -> api.client().chat().create(hello())));

    assertThat(e).isInstanceOf(ApiConnectionException.class);
    assertThat(api.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void perRequestCallTimeoutBoundsTheWholeCall() {
    api.server().enqueue(slow());

    ApiTimeoutException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> catchThrowableOfType(ApiTimeoutException.class,
                () -> api.client().chat().create(hello(), RequestOptions.callTimeout(Duration.ofMillis(300)))));

    assertThat(e.getMessage()).contains("timed out");
  }

  @Test
  void cancellingTheFutureCancelsTheHttpCall() throws Exception {
    CancelledCalls cancelled = new CancelledCalls();
    api.client(b -> b.okHttpClient(cancelled.okHttpClient()));
    api.server().enqueue(
        new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body(RetryTest.OK).build());

    CompletableFuture<ChatCompletion> future = api.client().chat().createAsync(hello());
    api.server().takeRequest(10, TimeUnit.SECONDS);
    future.cancel(true);

    assertThat(future).isCancelled();
    assertThat(cancelled.awaitOne(Duration.ofSeconds(10))).as("the HTTP call was cancelled").isTrue();
  }

  @Test
  void asyncFailuresCompleteTheFutureExceptionally() {
    api.client(b -> b.maxRetries(0));
    api.server().enqueue(new MockResponse.Builder().code(401).build());

    CompletableFuture<ChatCompletion> future = api.client().chat().createAsync(hello());

    ExecutionException e =
        catchThrowableOfType(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void cancellationTokenStopsLaterRetries() {
    Cancellation cancel = new Cancellation();
    cancel.cancel();

    catchThrowableOfType(CancellationException.class,
        () -> api.client().transport().send(ApiRequest.get("models").build(), Object.class, cancel));

    assertThat(api.server().getRequestCount()).isZero();
  }

  @Test
  void asyncWorkOnAClosedClientFailsTheFutureInsteadOfThrowing() {
    OpenAiClient closed = api.builder().build();
    closed.close();

    CompletableFuture<ChatCompletion> future = closed.chat().createAsync(hello());

    ExecutionException e =
        catchThrowableOfType(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
