package dev.reve.analysis;

import static dev.reve.analysis.Fixtures.DREAM;
import static dev.reve.analysis.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.BadRequestException;
import dev.reve.testing.CapturedLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Analyses on reasoning models and on servers that refuse parameters, against a loopback server
 * that answers as OpenAI does (its 400 bodies, {@code completion_tokens_details}).
 */
class ReasoningModelTest {
  private static final String ANSWER = "The exam you missed is an old examination of the self.";

  private final MockWebServer server = new MockWebServer();
  private final List<Map<String, Object>> bodies = new CopyOnWriteArrayList<>();
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = Fixtures.client(server);
    CapturedLogs.clear();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** Answers every chat request with {@code rule} applied to its JSON body. */
  private void answerWith(Function<Map<String, Object>, MockResponse> rule) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        Map<String, Object> sent = body(request);
        bodies.add(sent);
        return rule.apply(sent);
      }
    });
  }

  private DreamAnalysts analysts(String baseModel) {
    return DreamAnalysts.builder(client)
        .resolver(Fixtures.resolver(Map.of(ModelResolver.BASE_MODEL_ENV, baseModel)).build())
        .checkShutdownDates(false)
        .build();
  }

  private static MockResponse reasoningAnswer(String content, String finish, int completion, int reasoning) {
    String text = content == null ? "null" : "\"" + content + "\"";
    return Fixtures.ok(
        "{\"id\":\"chatcmpl-r\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + text
            + ",\"refusal\":null},\"finish_reason\":\"" + finish + "\"}],"
            + "\"usage\":{\"prompt_tokens\":300,\"completion_tokens\":" + completion
            + ",\"total_tokens\":" + (300 + completion) + ",\"completion_tokens_details\":"
            + "{\"reasoning_tokens\":" + reasoning + ",\"audio_tokens\":0}}}",
        "req-r");
  }

  private static MockResponse refusal(String param, String code, String message) {
    return new MockResponse.Builder()
        .code(400)
        .addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\","
            + "\"param\":\"" + param + "\",\"code\":\"" + code + "\"}}")
        .build();
  }

  /** OpenAI's answer when a reasoning model is sent a temperature other than 1. */
  private static MockResponse openAiReasoningRules(Map<String, Object> sent) {
    Object t = sent.get("temperature");
    if (t != null && ((Number) t).doubleValue() != 1.0) {
      return refusal("temperature", "unsupported_value", "Unsupported value: 'temperature' does not"
          + " support " + t + " with this model. Only the default (1) value is supported.");
    }
    return reasoningAnswer(ANSWER, "stop", 900, 640);
  }

  @Test
  void theDefaultBaseModelIsAReasoningModelAndWorksWithTheDefaultOptions() {
    answerWith(ReasoningModelTest::openAiReasoningRules);
    try (DreamAnalysts analysts = DreamAnalysts.builder(client).checkShutdownDates(false).build()) {
      Analysis analysis = analysts.analyst("jung").analyze(DREAM);

      assertThat(analysis.model()).isEqualTo(ModelResolver.DEFAULT_BASE_MODEL).isEqualTo("gpt-6-luna");
      assertThat(analysis.isComplete()).isTrue();
      assertThat(analysis.reasoningTokens()).isEqualTo(640);
      assertThat(analysis.usage().completionTokens()).isEqualTo(900);
      assertThat(bodies).hasSize(1);
      Map<String, Object> sent = bodies.get(0);
      assertThat(sent)
          .doesNotContainKeys("temperature", "top_p", "max_tokens", "verbosity")
          .containsEntry("reasoning_effort", "low")
          .containsEntry("max_completion_tokens",
              (double) (AnalysisOptions.DEFAULT_MAX_COMPLETION_TOKENS + AnalysisOptions.DEFAULT_REASONING_BUDGET));
      // the same instructions, in the role the model's capabilities name
      assertThat(sent.get("messages")).isEqualTo(List.of(
          Map.of("role", "developer", "content", BuiltInAnalysts.JUNG.systemPrompt()),
          Map.of("role", "user", "content", PromptBuilder.userMessage(DREAM))));
      assertThat(CapturedLogs.at("WARN")).isEmpty();
    }
  }

  @Test
  void anUnknownModelThatRefusesTemperatureIsAskedAgainWithoutItOnceAndThenNeverSentIt() {
    answerWith(sent -> sent.containsKey("temperature")
        ? refusal("temperature", "unsupported_value", "Unsupported value: 'temperature' does not support 0.8")
        : Fixtures.answer("acme-thinker", ANSWER));
    try (DreamAnalysts analysts = analysts("acme-thinker")) {
      Analysis first = analysts.analyst("jung").analyze(DREAM);
      assertThat(first.isComplete()).isTrue();
      assertThat(bodies).hasSize(2);
      assertThat(bodies.get(0)).containsEntry("temperature", 0.8);
      // refusing temperature marks a reasoning model: the bound grows by the reasoning budget
      assertThat(bodies.get(1)).doesNotContainKey("temperature")
          .containsEntry("max_completion_tokens", 7200.0);
      assertThat(bodies.get(1).get("messages")).isEqualTo(bodies.get(0).get("messages"));

      analysts.analyst("freud").analyze(DREAM);
      assertThat(bodies).hasSize(3);
      assertThat(bodies.get(2)).doesNotContainKey("temperature");

      List<CapturedLogs.Event> warnings = CapturedLogs.at("WARN");
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0).message())
          .contains("acme-thinker", "'temperature'", "unsupported_value", "noTemperature()",
              "REVE_MODEL_CAPABILITIES")
          .doesNotContain(Fixtures.API_KEY);
    }
  }

  @Test
  void aParameterTheCallerRequiresIsNeverDropped() {
    answerWith(sent -> refusal("temperature", "unsupported_value", "Unsupported value: 'temperature'"));
    try (DreamAnalysts analysts = analysts("acme-thinker")) {
      AnalysisOptions strict = AnalysisOptions.builder().temperature(0.4).require("temperature").build();
      assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM, strict))
          .isInstanceOfSatisfying(RequiredParameterRefusedException.class, e -> {
            assertThat(e.parameter()).isEqualTo("temperature");
            assertThat(e).hasMessageContaining("require(...)").hasCauseInstanceOf(BadRequestException.class);
          });
      assertThat(bodies).hasSize(1);
    }
  }

  @Test
  void aRequiredParameterIsSentEvenToAModelKnownToRefuseIt() {
    answerWith(ReasoningModelTest::openAiReasoningRules);
    try (DreamAnalysts analysts = analysts("gpt-5-mini")) {
      AnalysisOptions strict = AnalysisOptions.builder().temperature(0.4).require("temperature").build();
      assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM, strict))
          .isInstanceOf(RequiredParameterRefusedException.class);
      assertThat(bodies).hasSize(1);
      assertThat(bodies.get(0)).containsEntry("temperature", 0.4);
    }
  }

  @Test
  void aServerThatKeepsRefusingIsNotAskedInALoop() {
    // names a parameter that the second request no longer carries: the second refusal is the error
    answerWith(sent -> refusal("temperature", "unsupported_parameter", "Unsupported parameter: 'temperature'"));
    try (DreamAnalysts analysts = analysts("acme-thinker")) {
      assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM))
          .isInstanceOf(BadRequestException.class)
          .hasMessageContaining("unsupported_parameter");
      assertThat(bodies).hasSize(2);
    }
  }

  @Test
  void everyRetryDropsADifferentParameterAndTheirNumberIsBounded() {
    List<String> refusedInTurn = new ArrayList<>(List.of("temperature", "top_p", "seed", "safety_identifier"));
    answerWith(sent -> {
      for (String p : refusedInTurn) {
        if (sent.containsKey(p)) {
          return refusal(p, "unsupported_parameter", "Unsupported parameter: '" + p + "'");
        }
      }
      return Fixtures.answer("acme-thinker", ANSWER);
    });
    AnalysisOptions many = AnalysisOptions.builder().topP(0.9).seed(7).safetyIdentifier("u-1").build();
    try (DreamAnalysts analysts = analysts("acme-thinker")) {
      assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM, many))
          .isInstanceOf(BadRequestException.class)
          .hasMessageContaining("safety_identifier");
      assertThat(bodies).hasSize(ParameterAdapter.MAX_DROPS_PER_CALL + 1);
      // what was learned stays learned: the next call drops the fourth and succeeds
      assertThat(analysts.analyst("jung").analyze(DREAM, many).isComplete()).isTrue();
      assertThat(bodies.get(bodies.size() - 1))
          .doesNotContainKeys("temperature", "top_p", "seed", "safety_identifier");
    }
  }

  @Test
  void aServerWithoutTheDeveloperRoleGetsTheSameInstructionsAsSystem() {
    answerWith(sent -> ((List<?>) sent.get("messages")).toString().contains("role=developer")
        ? refusal("messages[0].role", "unsupported_value", "Unsupported value: 'messages[0].role' does not support 'developer'")
        : reasoningAnswer(ANSWER, "stop", 700, 300));
    try (DreamAnalysts analysts = analysts("o4-mini")) {
      assertThat(analysts.analyst("freud").analyze(DREAM).isComplete()).isTrue();
      assertThat(bodies).hasSize(2);
      assertThat(bodies.get(1).get("messages")).isEqualTo(List.of(
          Map.of("role", "system", "content", BuiltInAnalysts.FREUD.systemPrompt()),
          Map.of("role", "user", "content", PromptBuilder.userMessage(DREAM))));
      assertThat(CapturedLogs.at("WARN")).singleElement()
          .satisfies(e -> assertThat(e.message()).contains("the developer role"));
    }
  }

  @Test
  void anAnswerEmptyBecauseReasoningUsedTheBudgetIsTruncatedForThatReasonWithTheFix() {
    answerWith(sent -> reasoningAnswer("", "length", 1200, 1200));
    AnalysisOptions oldBudget = AnalysisOptions.builder().reasoningBudget(0).reasoningEffort("high").build();
    try (DreamAnalysts analysts = analysts("gpt-5-mini")) {
      Analysis analysis = analysts.analyst("jung").analyze(DREAM, oldBudget);
      assertThat(bodies.get(0)).containsEntry("max_completion_tokens", 1200.0)
          .containsEntry("reasoning_effort", "high");
      assertThat(analysis.status()).isEqualTo(AnalysisStatus.TRUNCATED);
      assertThat(analysis.truncatedByReasoning()).isTrue();
      assertThat(analysis.reasoningTokens()).isEqualTo(1200);
      assertThatThrownBy(analysis::requireComplete)
          .isInstanceOf(IncompleteAnalysisException.class)
          .hasMessageContaining("spent all 1200 completion tokens on reasoning")
          .hasMessageContaining("reasoningBudget")
          .hasMessageContaining("reasoningEffort");
    }
  }

  @Test
  void aChatModelIsSentNoReasoningParametersAndTheLegacyBoundStays() {
    answerWith(sent -> Fixtures.answer("gpt-4.1-mini", ANSWER));
    AnalysisOptions o = AnalysisOptions.builder().reasoningEffort("high").verbosity("low").legacyMaxTokens(true).build();
    try (DreamAnalysts analysts = analysts("gpt-4.1-mini")) {
      analysts.analyst("jung").analyze(DREAM, o);
      assertThat(bodies.get(0)).doesNotContainKeys("reasoning_effort", "verbosity", "max_completion_tokens")
          .containsEntry("max_tokens", 1200.0)
          .containsEntry("temperature", 0.8);
      assertThat(((Map<?, ?>) ((List<?>) bodies.get(0).get("messages")).get(0)).get("role")).isEqualTo("system");
    }
  }

  @Test
  void aReasoningModelGetsMaxCompletionTokensEvenWhenTheLegacyBoundWasAsked() {
    answerWith(ReasoningModelTest::openAiReasoningRules);
    AnalysisOptions o = AnalysisOptions.builder().legacyMaxTokens(true).verbosity("low").reasoningEffort("medium").build();
    try (DreamAnalysts analysts = analysts("gpt-5-mini")) {
      analysts.analyst("jung").analyze(DREAM, o);
      assertThat(bodies.get(0)).doesNotContainKeys("max_tokens", "temperature")
          .containsEntry("max_completion_tokens", 7200.0)
          .containsEntry("verbosity", "low")
          .containsEntry("reasoning_effort", "medium");
    }
  }
}
