package dev.reve.finetune.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  private final PriceTable table = PriceTable.defaults();

  @Test
  void knowsTheFourModelsByDatedIdAndAlias() {
    assertThat(table.find("gpt-4o").orElseThrow().model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(table.find("gpt-4o-mini").orElseThrow().model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(table.find("gpt-4.1").orElseThrow().model()).isEqualTo("gpt-4.1-2025-04-14");
    assertThat(table.find("GPT-4.1-MINI").orElseThrow().model()).isEqualTo("gpt-4.1-mini-2025-04-14");
    assertThat(table.find("gpt-4o-2024-08-06").orElseThrow().trainingUsdPerMillionTokens()).isEqualByComparingTo("25");
    assertThat(table.find("gpt-4o-mini-2024-07-18").orElseThrow().trainingUsdPerMillionTokens()).isEqualByComparingTo("3");
    assertThat(table.find("gpt-4.1-2025-04-14").orElseThrow().trainingUsdPerMillionTokens()).isEqualByComparingTo("25");
    assertThat(table.find("gpt-4.1-mini-2025-04-14").orElseThrow().trainingUsdPerMillionTokens()).isEqualByComparingTo("5");
  }

  @Test
  void aFineTunedModelIsPricedAsItsBase() {
    assertThat(table.find("ft:gpt-4o-mini-2024-07-18:acme::9abcDEF").orElseThrow().model())
        .isEqualTo("gpt-4o-mini-2024-07-18");
  }

  @Test
  void anUnknownModelHasNoPriceRatherThanAGuess() {
    assertThat(table.find("gpt-5")).isEmpty();
    assertThat(table.find("")).isEmpty();
    assertThat(table.find(null)).isEmpty();
    assertThat(table.estimate("llama-3-8b", 1_000, Epochs.of(3))).isEmpty();
  }

  @Test
  void costIsTokensTimesEpochsTimesPricePerMillion() {
    CostEstimate million = table.estimate("gpt-4o", 1_000_000, Epochs.of(3)).orElseThrow();
    assertThat(million.billedTokens()).isEqualTo(3_000_000);
    assertThat(million.trainingCostUsd()).isEqualByComparingTo("75");
    assertThat(million.epochsAssumed()).isFalse();

    CostEstimate mini = table.estimate("gpt-4o-mini", 71_203, Epochs.of(3)).orElseThrow();
    // 71,203 x 3 = 213,609 tokens; x $3 / 1M = $0.640827
    assertThat(mini.trainingCostUsd()).isEqualByComparingTo("0.640827");
    assertThat(mini.trainingCostUsdRounded()).isEqualByComparingTo("0.64");

    CostEstimate one = table.estimate("gpt-4.1-mini", 200_000, Epochs.of(1)).orElseThrow();
    assertThat(one.trainingCostUsd()).isEqualByComparingTo("1");
  }

  @Test
  void autoEpochsAreEstimatedWithThreeAndSaySo() {
    CostEstimate auto = table.estimate("gpt-4o", 100_000, Epochs.auto()).orElseThrow();

    assertThat(auto.epochs()).isEqualTo(3);
    assertThat(auto.epochsAssumed()).isTrue();
    assertThat(auto.trainingCostUsd()).isEqualByComparingTo("7.5");
    assertThat(auto.summary()).contains("auto: estimated with 3", "$7.50", "1.5x the base model");
  }

  @Test
  void theInferenceMultiplierIsData() {
    assertThat(table.find("gpt-4o").orElseThrow().inferenceMultiplier()).contains(new BigDecimal("1.5"));
    PriceTable custom = table.toBuilder()
        .put(ModelPricing.of("gpt-4o-2024-08-06", "30", null, 32_000, "gpt-4o"))
        .put(ModelPricing.of("my-base", "1", "4", 8_000))
        .build();

    assertThat(custom.find("gpt-4o").orElseThrow().inferenceMultiplier()).isEmpty();
    assertThat(custom.estimate("gpt-4o", 1_000_000, Epochs.of(1)).orElseThrow().trainingCostUsd())
        .isEqualByComparingTo("30");
    assertThat(custom.find("my-base").orElseThrow().maxTokensPerExample()).isEqualTo(8_000);
    assertThat(custom.toBuilder().remove("my-base").build().find("my-base")).isEmpty();
    assertThat(table.find("my-base")).as("the defaults are unchanged").isEmpty();
  }

  @Test
  void epochsAreOneToFiftyOrAuto() {
    assertThat(Epochs.parse("auto")).isEqualTo(Epochs.auto());
    assertThat(Epochs.parse(" 4 ").count()).contains(4);
    assertThat(Epochs.auto().forEstimate()).isEqualTo(Epochs.ASSUMED_FOR_AUTO);
    assertThatThrownBy(() -> Epochs.of(0)).hasMessageContaining("1 to 50");
    assertThatThrownBy(() -> Epochs.parse("three")).hasMessageContaining("'three'");
  }
}
