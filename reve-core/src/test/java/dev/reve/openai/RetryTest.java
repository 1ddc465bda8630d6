package dev.reve.openai;

import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.call.RetryPolicy;
import dev.reve.openai.error.ApiConnectionException;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.InsufficientQuotaException;
import dev.reve.openai.error.InternalServerException;
import dev.reve.openai.error.RateLimitException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.testing.ChatBodies;
import dev.reve.testing.MockOpenAi;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTest {
  static final String OK = ChatBodies.completion("gpt-4o-mini", "fine", null, "stop", 3, 1);

  @RegisterExtension final MockOpenAi api = new MockOpenAi();

  @BeforeEach
  void start() {
  }

  private ChatCompletion call() {
    return api.client().chat().create(
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
    api.server().enqueue(status(code));
    api.server().enqueue(status(code));
    api.server().enqueue(ok());

    ChatCompletion reply = call();

    assertThat(reply.text()).contains("fine");
    assertThat(reply.responseMetadata().attempts()).isEqualTo(3);
    assertThat(api.server().getRequestCount()).isEqualTo(3);
    assertThat(api.sleeper().waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void givesUpAfterMaxRetries() {
    for (int i = 0; i < 5; i++) {
      api.server().enqueue(status(500));
    }

    InternalServerException e = catchThrowableOfType(InternalServerException.class, this::call);

    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(api.server().getRequestCount()).isEqualTo(3);
    assertThat(api.sleeper().waits()).hasSize(2);
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
    api.server().enqueue(status(code));

    catchThrowableOfType(ApiException.class, this::call);

    assertThat(api.server().getRequestCount()).isEqualTo(1);
    assertThat(api.sleeper().waits()).isEmpty();
  }

  @Test
  void insufficientQuotaIsNeverRetriedEvenIfTheServerSaysSo() {
    api.server().enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("x-should-retry", "true")
            .body("{\"error\":{\"message\":\"quota\",\"code\":\"insufficient_quota\"}}")
            .build());

    catchThrowableOfType(InsufficientQuotaException.class, this::call);

    assertThat(api.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterMillisecondsIsHonoured() {
    api.server().enqueue(new MockResponse.Builder().code(429).addHeader("retry-after-ms", "1250")
        .addHeader("retry-after", "9").build());
    api.server().enqueue(ok());

    call();

    assertThat(api.sleeper().waits()).containsExactly(Duration.ofMillis(1250));
  }

  @Test
  void retryAfterSecondsIsHonoured() {
    api.server().enqueue(new MockResponse.Builder().code(503).addHeader("retry-after", "7").build());
    api.server().enqueue(ok());

    call();

    assertThat(api.sleeper().waits()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterHttpDateIsHonoured() {
    String at =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            api.clock().instant().plusSeconds(12).atZone(ZoneOffset.UTC));
    api.server().enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", at).build());
    api.server().enqueue(ok());

    call();

    assertThat(api.sleeper().waits()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void retryAfterAboveTheCapFailsAtOnceSayingHowLong() {
    api.server().enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "120")
        .body("{\"error\":{\"message\":\"Rate limit reached\"}}").build());

    RateLimitException e = catchThrowableOfType(RateLimitException.class, this::call);

    assertThat(api.server().getRequestCount()).isEqualTo(1);
    assertThat(api.sleeper().waits()).isEmpty();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(e.getMessage()).contains("120 s", "60 s");
  }

  @Test
  void theCapIsConfigurable() {
    api.client().close();
    api.client(b -> b
        .retryPolicy(RetryPolicy.DEFAULT.maxRetryAfter(Duration.ofMinutes(5))));
    api.server().enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "120").build());
    api.server().enqueue(ok());

    call();

    assertThat(api.sleeper().waits()).containsExactly(Duration.ofSeconds(120));
  }

  @Test
  void shouldRetryFalseStopsARetryableStatus() {
    api.server().enqueue(new MockResponse.Builder().code(503).addHeader("x-should-retry", "false").build());

    catchThrowableOfType(InternalServerException.class, this::call);

    assertThat(api.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldRetryTrueRetriesAnotherStatus() {
    api.server().enqueue(new MockResponse.Builder().code(400).addHeader("x-should-retry", "true").build());
    api.server().enqueue(ok());

    assertThat(call().responseMetadata().attempts()).isEqualTo(2);
  }

  @Test
  void connectionResetBeforeTheResponseIsRetried() {
    api.server().enqueue(
        new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    api.server().enqueue(ok());

    ChatCompletion reply = call();

    assertThat(reply.responseMetadata().attempts()).isEqualTo(2);
    assertThat(api.sleeper().waits()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void connectionFailuresExhaustToATypedError() {
    for (int i = 0; i < 3; i++) {
      api.server().enqueue(
          new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    }

    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, this::call);

    assertThat(api.server().getRequestCount()).isEqualTo(3);
    assertThat(e.getMessage()).contains("POST /v1/chat/completions");
  }

  @Test
  void perRequestRetryCountOverridesTheClient() {
    api.server().enqueue(status(500));

    catchThrowableOfType(
        InternalServerException.class,
        () -> api.client().chat().create(
            ChatRequest.builder().model("m").addMessage(ChatMessage.user("x")).build(),
            RequestOptions.builder().maxRetries(0).build()));

    assertThat(api.server().getRequestCount()).isEqualTo(1);
  }
}
