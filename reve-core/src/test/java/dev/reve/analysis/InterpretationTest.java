package dev.reve.analysis;

import static dev.reve.analysis.Fixtures.DREAM;
import static dev.reve.analysis.Fixtures.body;
import static dev.reve.analysis.Fixtures.completion;
import static dev.reve.analysis.Fixtures.modelNotFound;
import static dev.reve.analysis.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.OpenAiClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InterpretationTest {
  private static final String REPLY =
      "{\"summary\":\"The dreamer is back at school and the exam has begun without them.\","
          + "\"themes\":[\"being unprepared\",\"judgement\",\"the past returning\",\"time\"],"
          + "\"emotions\":[\"panic\",\" \",\"shame\"],"
          + "\"symbols\":[\"school\",\"exam\",\"clock\"]}";

  private final MockWebServer server = new MockWebServer();
  private OpenAiClient client;
  private DreamAnalysts analysts;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = Fixtures.client(server);
    analysts = analystsWith(Map.of());
  }

  private DreamAnalysts analystsWith(Map<String, String> env) {
    return DreamAnalysts.builder(client)
        .resolver(Fixtures.resolver(env).build())
        .checkShutdownDates(false)
        .build();
  }

  @AfterEach
  void stop() {
    analysts.close();
    client.close();
    server.close();
  }

  @Test
  void asksForStrictJsonAndReadsTheReply() throws Exception {
    server.enqueue(ok(completion("gpt-4o-2024-08-06", REPLY, null, "stop"), "req-i"));

    DreamInterpretation result = analysts.interpret(DREAM);

    assertThat(result.summary()).startsWith("The dreamer is back at school");
    assertThat(result.themes())
        .containsExactly("being unprepared", "judgement", "the past returning");
    assertThat(result.emotions()).containsExactly("panic", "shame");
    assertThat(result.symbols()).containsExactly("school", "exam", "clock");
    assertThat(result.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(result.requestId()).contains("req-i");

    Map<String, Object> sent = body(server.takeRequest(5, TimeUnit.SECONDS));
    Map<?, ?> format = (Map<?, ?>) sent.get("response_format");
    assertThat(format.get("type")).isEqualTo("json_schema");
    Map<?, ?> schema = (Map<?, ?>) format.get("json_schema");
    assertThat(schema.get("strict")).isEqualTo(true);
    assertThat(schema.get("name")).isEqualTo("dream_interpretation");
    Map<?, ?> jsonSchema = (Map<?, ?>) schema.get("schema");
    assertThat(jsonSchema.get("additionalProperties")).isEqualTo(false);
    assertThat(jsonSchema.get("required"))
        .isEqualTo(List.of("summary", "themes", "emotions", "symbols"));
    assertThat(sent)
        .containsEntry("temperature", 0.3)
        .containsEntry("max_completion_tokens", 600.0);
    List<?> messages = (List<?>) sent.get("messages");
    assertThat(((Map<?, ?>) messages.get(0)).get("content"))
        .isEqualTo(Interpreter.PROFILE.systemPrompt());
    assertThat(((Map<?, ?>) messages.get(1)).get("content"))
        .isEqualTo(PromptBuilder.userMessage(DREAM));
  }

  @Test
  void malformedJsonIsATypedErrorThatKeepsTheDream() {
    server.enqueue(ok(completion("gpt-4o-2024-08-06", "{\"summary\": \"half", null, "stop"), "r"));
    assertThatThrownBy(() -> analysts.interpret(DREAM))
        .isInstanceOfSatisfying(
            InterpretationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InterpretationException.Reason.MALFORMED);
              assertThat(e.dream()).isEqualTo(DREAM);
              assertThat(e.rawReply()).contains("{\"summary\": \"half");
            });
  }

  @Test
  void aReplyMissingAFieldIsMalformed() {
    server.enqueue(
        ok(
            completion("gpt-4o-2024-08-06", "{\"summary\":\"s\",\"themes\":[],\"emotions\":[]}", null, "stop"),
            "r"));
    assertThatThrownBy(() -> analysts.interpret(DREAM))
        .isInstanceOfSatisfying(
            InterpretationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InterpretationException.Reason.MALFORMED);
              assertThat(e).hasMessageContaining("symbols");
            });
  }

  @Test
  void aTruncatedReplyIsATypedErrorThatKeepsTheDream() {
    server.enqueue(ok(completion("gpt-4o-2024-08-06", "{\"summary\":\"The dreamer", null, "length"), "r"));
    assertThatThrownBy(() -> analysts.interpret(DREAM))
        .isInstanceOfSatisfying(
            InterpretationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InterpretationException.Reason.TRUNCATED);
              assertThat(e.dream()).isEqualTo(DREAM);
              assertThat(e).hasMessageContaining("maxCompletionTokens");
            });
  }

  @Test
  void aRefusalIsReportedAsSuch() {
    server.enqueue(ok(completion("gpt-4o-2024-08-06", null, "I can't help with that.", "stop"), "r"));
    assertThatThrownBy(() -> analysts.interpret(DREAM))
        .isInstanceOfSatisfying(
            InterpretationException.class,
            e -> assertThat(e.reason()).isEqualTo(InterpretationException.Reason.REFUSED));
  }

  @Test
  void aFailedRequestStillHandsBackTheDream() {
    server.enqueue(
        new MockResponse.Builder().code(401).body("{\"error\":{\"message\":\"bad key\"}}").build());
    assertThatThrownBy(() -> analysts.interpret(DREAM))
        .isInstanceOfSatisfying(
            InterpretationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InterpretationException.Reason.REQUEST_FAILED);
              assertThat(e.dream()).isEqualTo(DREAM);
              assertThat(e).hasMessageContaining("bad key");
            });
  }

  @Test
  void theInterpretationModelIsConfiguredLikeAnAnalystsAndFallsBack() throws Exception {
    server.enqueue(modelNotFound("ft:interp"));
    server.enqueue(ok(completion("gpt-4o-2024-08-06", REPLY, null, "stop"), "r"));
    try (DreamAnalysts configured = analystsWith(Map.of("OPENAI_INTERPRETER_MODEL", "ft:interp"))) {
      assertThat(configured.interpretationModelChoice().model()).isEqualTo("ft:interp");
      DreamInterpretation result = configured.interpretAsync(DREAM).get(5, TimeUnit.SECONDS);
      assertThat(result.fellBack()).isTrue();
      assertThat(result.model()).isEqualTo("gpt-4o-2024-08-06");
    }
  }
}
