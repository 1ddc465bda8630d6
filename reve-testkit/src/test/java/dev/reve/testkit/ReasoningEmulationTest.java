package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.AnalysisOptions;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.FinishReason;
import dev.reve.openai.error.BadRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReasoningEmulationTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();

  private static final Dream DREAM = Dream.of("A staircase went down into water and I kept walking.");

  private static ChatRequest.Builder ask(String model) {
    return ChatRequest.builder().model(model)
        .addMessage(ChatMessage.developer("You are a dream analyst."))
        .addMessage(ChatMessage.user("I dreamt of a staircase."));
  }

  @Test
  void aReasoningModelRefusesTemperatureWithOpenAisBody() {
    assertThatThrownBy(() -> openai.client().chat().create(ask("gpt-6-luna").temperature(0.8).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.code()).contains("unsupported_value");
          assertThat(e.param()).contains("temperature");
          assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m)
              .contains("does not support 0.8", "Only the default (1) value is supported"));
        });
    assertThatThrownBy(() -> openai.client().chat().create(ask("o4-mini").maxTokens(100).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.code()).contains("unsupported_parameter");
          assertThat(e.param()).contains("max_tokens");
        });
    assertThatThrownBy(() -> openai.client().chat().create(ask("gpt-4o").reasoningEffort("low").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("reasoning_effort"));
    // temperature 1, the default, is accepted
    assertThat(openai.client().chat().create(ask("gpt-5-mini").temperature(1).build()).finishReason())
        .isEqualTo(FinishReason.STOP);
  }

  @Test
  void reasoningTokensAreReportedAndComeOutOfTheBudget() {
    ChatCompletion done = openai.client().chat().create(
        ask("gpt-5-mini").reasoningEffort("low").maxCompletionTokens(5000).build());
    assertThat(done.usage()).hasValueSatisfying(u -> {
      assertThat(u.reasoningTokens()).isEqualTo(640);
      assertThat(u.completionTokens()).isGreaterThan(640);
    });
    ChatCompletion empty = openai.client().chat().create(
        ask("gpt-5-mini").reasoningEffort("high").maxCompletionTokens(1200).build());
    assertThat(empty.text().orElse("")).isEmpty();
    assertThat(empty.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(empty.usage().orElseThrow().reasoningTokens()).isEqualTo(1200);
  }

  @Test
  void anAnalysisWithNothingConfiguredWorksOnTheReasoningDefault() {
    try (DreamAnalysts analysts = DreamAnalysts.create(openai.client())) {
      Analysis analysis = analysts.analyst("jung").analyze(DREAM);
      assertThat(analysis.model()).isEqualTo(ModelResolver.DEFAULT_BASE_MODEL);
      assertThat(analysis.isComplete()).isTrue();
      assertThat(analysis.reasoningTokens()).isEqualTo(640);
      // streamed too
      Analysis streamed = analysts.analyst("freud").stream(DREAM, s -> { });
      assertThat(streamed.isComplete()).isTrue();
      assertThat(streamed.reasoningTokens()).isEqualTo(640);
    }
    assertThat(openai.emulator().chat().requests()).hasSize(2)
        .allSatisfy(r -> assertThat(r.json()).doesNotContainKey("temperature")
            .containsEntry("reasoning_effort", "low"));
  }

  @Test
  void theOldBudgetComesBackEmptyAndSaysWhy() {
    AnalysisOptions old = AnalysisOptions.builder().reasoningBudget(0).reasoningEffort("medium").build();
    try (DreamAnalysts analysts = DreamAnalysts.create(openai.client())) {
      Analysis analysis = analysts.analyst("jung").analyze(DREAM, old);
      assertThat(analysis.truncatedByReasoning()).isTrue();
      assertThat(analysis.problem()).hasValueSatisfying(p -> assertThat(p).contains("reasoningBudget"));
    }
  }

  @Test
  void aTemperatureTheEmulatorRefusesIsDroppedOnceForAModelTheTableDoesNotKnow() {
    openai.emulator().models().add(StoredModel.of("gpt-6-luna-preview-x"));
    try (DreamAnalysts analysts = DreamAnalysts.builder(openai.client())
        .resolver(ModelResolver.builder().baseModel("gpt-6-luna-preview-x").environment(Map.of())
            .systemProperties(new java.util.Properties()).withoutModelsFile().build())
        .modelCatalog(dev.reve.openai.models.ModelCatalog.builtIn().toBuilder().remove("gpt-6-luna").build())
        .build()) {
      assertThat(analysts.analyst("jung").analyze(DREAM).isComplete()).isTrue();
      assertThat(analysts.analyst("jung").analyze(DREAM).isComplete()).isTrue();
    }
    assertThat(openai.emulator().chat().requests()).hasSize(3);
  }
}
