package dev.reve.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTest {
  static final String OK =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
          + "\"total_tokens\":4}}";

  private final MockWebServer server = new MockWebServer();
  private final TestClients clients = new TestClients();
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = clients.builder(server).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private ChatCompletion call() {
    return client.chat().create(
        ChatRequest.builder().model("gpt-4o-mini").addMessage(ChatMessage.user("hi")).build());
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("{\"error\":{\"message\":\"busy\"}}").build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).body(OK).build();
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
  void retryableStatusesAreRetriedWithDoublingBackoff(int code) {
    server.enqueue(status(code));
    server.enqueue(status(code));
    server.enqueue(ok());

    ChatCompletion reply = call();

    assertThat(reply.text()).contains("fine");
    assertThat(reply.responseMetadata().attempts()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(clients.sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void givesUpAfterMaxRetries() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(status(500));
    }

    InternalServerException e = catchThrowableOfType(InternalServerException.class, this::call);

    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(clients.sleeper.waits()).hasSize(2);
  }

  @Test
  void backoffIsCappedAtEightSecondsWithJitterBelow() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    assertThat(policy.backoff(1, 0)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(4, 0)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.backoff(5, 0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.backoff(9, 0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.backoff(5, 0.999)).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(8));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void otherClientErrorsAreNotRetried(int code) {
    server.enqueue(status(code));

    catchThrowableOfType(ApiException.class, this::call);

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(clients.sleeper.waits()).isEmpty();
  }

  @Test
  void insufficientQuotaIsNeverRetriedEvenIfTheServerSaysSo() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("x-should-retry", "true")
            .body("{\"error\":{\"message\":\"quota\",\"code\":\"insufficient_quota\"}}")
            .build());

    catchThrowableOfType(InsufficientQuotaException.class, this::call);

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterMillisecondsIsHonoured() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after-ms", "1250")
        .addHeader("retry-after", "9").build());
    server.enqueue(ok());

    call();

    assertThat(clients.sleeper.waits()).containsExactly(Duration.ofMillis(1250));
  }

  @Test
  void retryAfterSecondsIsHonoured() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("retry-after", "7").build());
    server.enqueue(ok());

    call();

    assertThat(clients.sleeper.waits()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterHttpDateIsHonoured() {
    String at =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clients.clock.instant().plusSeconds(12).atZone(ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", at).build());
    server.enqueue(ok());

    call();

    assertThat(clients.sleeper.waits()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void retryAfterAboveTheCapFailsAtOnceSayingHowLong() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "120")
        .body("{\"error\":{\"message\":\"Rate limit reached\"}}").build());

    RateLimitException e = catchThrowableOfType(RateLimitException.class, this::call);

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(clients.sleeper.waits()).isEmpty();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(e.getMessage()).contains("120 s", "60 s");
  }

  @Test
  void theCapIsConfigurable() {
    client.close();
    client = clients.builder(server)
        .retryPolicy(RetryPolicy.DEFAULT.maxRetryAfter(Duration.ofMinutes(5))).build();
    server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "120").build());
    server.enqueue(ok());

    call();

    assertThat(clients.sleeper.waits()).containsExactly(Duration.ofSeconds(120));
  }

  @Test
  void shouldRetryFalseStopsARetryableStatus() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("x-should-retry", "false").build());

    catchThrowableOfType(InternalServerException.class, this::call);

    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldRetryTrueRetriesAnotherStatus() {
    server.enqueue(new MockResponse.Builder().code(400).addHeader("x-should-retry", "true").build());
    server.enqueue(ok());

    assertThat(call().responseMetadata().attempts()).isEqualTo(2);
  }

  @Test
  void connectionResetBeforeTheResponseIsRetried() {
    server.enqueue(
        new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok());

    ChatCompletion reply = call();

    assertThat(reply.responseMetadata().attempts()).isEqualTo(2);
    assertThat(clients.sleeper.waits()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void connectionFailuresExhaustToATypedError() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    }

    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, this::call);

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(e.getMessage()).contains("POST /v1/chat/completions");
  }

  @Test
  void perRequestRetryCountOverridesTheClient() {
    server.enqueue(status(500));

    catchThrowableOfType(
        InternalServerException.class,
        () -> client.chat().create(
            ChatRequest.builder().model("m").addMessage(ChatMessage.user("x")).build(),
            RequestOptions.builder().maxRetries(0).build()));

    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
