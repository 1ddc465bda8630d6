package dev.reve.openai;

import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.AuthenticationException;
import dev.reve.openai.error.BadRequestException;
import dev.reve.openai.error.ConflictException;
import dev.reve.openai.error.InsufficientQuotaException;
import dev.reve.openai.error.InternalServerException;
import dev.reve.openai.error.MalformedResponseException;
import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.error.PermissionDeniedException;
import dev.reve.openai.error.RateLimitException;
import dev.reve.openai.error.UnprocessableEntityException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.testing.MockOpenAi;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest {
  @RegisterExtension final MockOpenAi api = new MockOpenAi();

  @BeforeEach
  void start() {
    api.client(b -> b.maxRetries(0));
  }

  private static ChatRequest hello() {
    return ChatRequest.builder().model("gpt-4o-mini").addMessage(ChatMessage.user("hi")).build();
  }

  private static String openAiError(String message, String type, String code, String param) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":"
        + (code == null ? "null" : "\"" + code + "\"") + ",\"param\":"
        + (param == null ? "null" : "\"" + param + "\"") + "}}";
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, AuthenticationException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(422, UnprocessableEntityException.class),
        Arguments.of(429, RateLimitException.class),
        Arguments.of(500, InternalServerException.class),
        Arguments.of(503, InternalServerException.class),
        Arguments.of(418, ApiException.class));
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void eachStatusHasItsType(int status, Class<? extends ApiException> type) {
    api.server().enqueue(
        new MockResponse.Builder()
            .code(status)
            .addHeader("x-request-id", "req_123")
            .body(openAiError("Something is wrong", "invalid_request_error", "bad_thing", "model"))
            .build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> api.client().chat().create(hello()));

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.apiMessage()).contains("Something is wrong");
    assertThat(e.type()).contains("invalid_request_error");
    assertThat(e.code()).contains("bad_thing");
    assertThat(e.param()).contains("model");
    assertThat(e.requestId()).contains("req_123");
    assertThat(e.getMessage())
        .contains("HTTP " + status, "Something is wrong", "bad_thing", "req_123");
  }

  @Test
  void insufficientQuotaIsItsOwnTypeAndSaysWhatToDo() {
    api.server().enqueue(
        new MockResponse.Builder()
            .code(429)
            .body(openAiError("You exceeded your current quota", "insufficient_quota",
                "insufficient_quota", null))
            .build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> api.client().chat().create(hello()));

    assertThat(e).isInstanceOf(InsufficientQuotaException.class)
        .isNotInstanceOf(RateLimitException.class);
    assertThat(e.getMessage()).contains("exceeded your current quota", "billing");
  }

  @Test
  void problemJsonGivesAUsefulMessage() {
    api.server().enqueue(
        new MockResponse.Builder()
            .code(422)
            .addHeader("Content-Type", "application/problem+json")
            .body("{\"type\":\"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY\","
                + "\"title\":\"Invalid request\",\"status\":422,"
                + "\"detail\":\"Your request is not valid and no HTTP validation response was found\"}")
            .build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> api.client().chat().create(hello()));

    assertThat(e).isInstanceOf(UnprocessableEntityException.class);
    assertThat(e.getMessage()).contains("Invalid request", "not valid");
  }

  @Test
  void htmlFromAProxyGivesItsTitle() {
    api.server().enqueue(
        new MockResponse.Builder()
            .code(502)
            .addHeader("Content-Type", "text/html")
            .body("<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>")
            .build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> api.client().chat().create(hello()));

    assertThat(e).isInstanceOf(InternalServerException.class);
    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.getMessage()).contains("502 Bad Gateway");
  }

  @Test
  void plainTextBodyIsQuoted() {
    api.server().enqueue(new MockResponse.Builder().code(500).body("upstream exploded\n").build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> api.client().chat().create(hello()));

    assertThat(e.getMessage()).contains("upstream exploded");
  }

  @Test
  void emptyErrorBodyStillNamesTheStatus() {
    api.server().enqueue(new MockResponse.Builder().code(401).build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> api.client().chat().create(hello()));

    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.getMessage()).startsWith("HTTP 401");
  }

  @Test
  void aServerEchoingTheKeyDoesNotLeakIt() {
    api.server().enqueue(
        new MockResponse.Builder()
            .code(401)
            .body(openAiError("Incorrect API key provided: " + MockOpenAi.KEY, "invalid_request_error",
                "invalid_api_key", null))
            .build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> api.client().chat().create(hello()));

    assertThat(e.getMessage()).doesNotContain(MockOpenAi.KEY).contains("[redacted]");
  }

  @Test
  void successBodyThatIsNotJsonIsATypedError() {
    api.server().enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("x-request-id", "req_html")
            .body("<html>captive portal</html>")
            .build());

    MalformedResponseException e =
        catchThrowableOfType(MalformedResponseException.class, () -> api.client().chat().create(hello()));

    assertThat(e.statusCode()).isEqualTo(200);
    assertThat(e.bodySnippet()).contains("captive portal");
    assertThat(e.getMessage()).contains("HTTP 200", "captive portal", "req_html");
  }
}
