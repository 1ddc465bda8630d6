package dev.reve.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.openai.chat.FinishReason;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelChoiceExplanationTest {
  private final ModelChoice configured = new ModelChoice("jung", "ft:gpt-4o:acme:jung:1",
      ModelSource.MODELS_FILE, "/srv/reve-models.properties: jung.model", Optional.empty(),
      Optional.empty(), "gpt-4o", "REVE_BASE_MODEL");

  @Test
  void aConfiguredModelNamesTheSettingThatChoseIt() {
    ModelChoiceExplanation why = ModelChoiceExplanation.of(configured);

    assertThat(why.kind()).isEqualTo(ModelChoiceExplanation.CONFIGURED);
    assertThat(why.lines()).containsExactly(
        "Model: ft:gpt-4o:acme:jung:1 (fine-tuned)",
        "Why:   set by /srv/reve-models.properties: jung.model");
  }

  @Test
  void theBaseModelSaysNothingElseIsConfigured() {
    ModelChoice base = ModelChoice.base("freud", "gpt-4o", "the default (REVE_BASE_MODEL unset)");

    assertThat(ModelChoiceExplanation.of(base).lines()).containsExactly(
        "Model: gpt-4o (base model)",
        "Why:   no fine-tuned model is configured for freud; base model from the default"
            + " (REVE_BASE_MODEL unset)");
  }

  @Test
  void aFallbackNamesTheGoneModelItsSettingAndTheBaseModelsSetting() {
    Analysis fellBack = analysis("gpt-4o", true);

    ModelChoiceExplanation why = ModelChoiceExplanation.of(configured, fellBack);

    assertThat(why.model()).isEqualTo("gpt-4o");
    assertThat(why.kind()).isEqualTo(ModelChoiceExplanation.FALLBACK);
    assertThat(why.reason())
        .isEqualTo(ModelChoiceExplanation.fallbackReason(configured))
        .contains("ft:gpt-4o:acme:jung:1 (set by /srv/reve-models.properties: jung.model)")
        .contains("answered 404")
        .contains("base model from REVE_BASE_MODEL");
  }

  @Test
  void anAnswerWithoutFallbackIsExplainedLikeTheChoice() {
    assertThat(ModelChoiceExplanation.of(configured, analysis("ft:gpt-4o:acme:jung:1", false)))
        .isEqualTo(ModelChoiceExplanation.of(configured));
  }

  private static Analysis analysis(String model, boolean fellBack) {
    return new Analysis("jung", "text", model, !fellBack, ModelSource.MODELS_FILE, fellBack,
        FinishReason.STOP, Optional.empty(), null, Optional.empty(), Duration.ZERO);
  }
}
