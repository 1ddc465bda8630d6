package dev.reve.openai.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.error.OpenAiConfigurationException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
  private final ModelCatalog catalog = ModelCatalog.builtIn();

  @Test
  void theBuiltInTableKnowsTheWindDownAndTheReasoningFamilies() {
    ModelCapabilities gpt4o = catalog.find("gpt-4o").orElseThrow();
    assertThat(gpt4o.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(gpt4o.reasoning()).isFalse();
    assertThat(gpt4o.shutdownDate()).contains(LocalDate.of(2027, 1, 14));
    assertThat(gpt4o.trainingUsdPerMillionTokens()).contains(new BigDecimal("25"));
    assertThat(gpt4o.instructionRole()).isEqualTo("system");
    for (String id : List.of("gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini")) {
      assertThat(catalog.find(id).flatMap(ModelCapabilities::shutdownDate)).as(id)
          .contains(LocalDate.of(2027, 1, 14));
    }

    ModelCapabilities luna = catalog.capabilities("gpt-6-luna");
    assertThat(luna.reasoning()).isTrue();
    assertThat(luna.accepts("temperature")).isFalse();
    assertThat(luna.defaultReasoningEffort()).contains("low");
    assertThat(luna.instructionRole()).isEqualTo("developer");
    assertThat(luna.shutdownDate()).isEmpty();
  }

  @Test
  void datedSnapshotsTakeTheLongestMatchAndFineTunesTheirBase() {
    assertThat(catalog.capabilities("gpt-5-mini-2025-08-07").model()).isEqualTo("gpt-5-mini");
    assertThat(catalog.capabilities("gpt-5-2025-08-07").model()).isEqualTo("gpt-5");
    assertThat(catalog.capabilities("gpt-4o-mini-2024-07-18").model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(catalog.capabilities("gpt-4o-2024-11-20").model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(catalog.capabilities("ft:gpt-4o-mini-2024-07-18:acme:jung:AbC").model())
        .isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(catalog.capabilities("GPT-5-MINI").model()).isEqualTo("gpt-5-mini");
  }

  @Test
  void anUnknownModelIsSentWhatTheCallerAsks() {
    assertThat(catalog.find("llama3.1:8b")).isEmpty();
    ModelCapabilities unknown = catalog.capabilities("llama3.1:8b");
    assertThat(unknown.known()).isFalse();
    assertThat(unknown.reasoning()).isFalse();
    assertThat(unknown.accepts("temperature")).isTrue();
    assertThat(unknown.instructionRole()).isEqualTo("system");
    // "gpt-5.1" is not "gpt-5-...": not guessed
    assertThat(catalog.find("gpt-5.1")).isEmpty();
  }

  @Test
  void aFileNamedByConfigurationAddsAndReplacesRows(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("caps.txt");
    Files.writeString(file, """
        # ours
        acme-thinker | acme | reasoning | temperature | high,low | no | developer | 32000 | 8000 | - | - | - | -
        gpt-4o-2024-08-06 | gpt-4o | chat | - | - | no | system | 128000 | 16384 | 2027-02-01 | 25 | 1.5 | 65536
        """);
    ModelCatalog fromProperty =
        ModelCatalog.fromSettings(Map.of(ModelCatalog.FILE_PROPERTY, file.toString())::get, k -> null);
    ModelCatalog fromEnv =
        ModelCatalog.fromSettings(k -> null, Map.of(ModelCatalog.FILE_ENV, file.toString())::get);
    for (ModelCatalog c : List.of(fromProperty, fromEnv)) {
      assertThat(c.capabilities("acme-2").defaultReasoningEffort()).contains("high");
      assertThat(c.capabilities("acme-thinker").maxOutputTokens()).contains(8000);
      assertThat(c.capabilities("gpt-4o").shutdownDate()).contains(LocalDate.of(2027, 2, 1));
      assertThat(c.capabilities("gpt-6-luna").reasoning()).isTrue();
    }
    assertThat(ModelCatalog.fromSettings(k -> null, k -> null)).isSameAs(ModelCatalog.builtIn());
  }

  @Test
  void codeOverridesRows() {
    ModelCatalog ours = catalog.toBuilder()
        .put(ModelCapabilities.reasoningModel("acme-thinker", List.of("medium"), true))
        .remove("gpt-6-luna")
        .build();
    assertThat(ours.capabilities("acme-thinker").reasoning()).isTrue();
    assertThat(ours.find("gpt-6-luna")).isEmpty();
    assertThat(catalog.find("gpt-6-luna")).isPresent();
  }

  @Test
  void aBadRowNamesTheFileTheLineAndTheFix(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ModelCatalog.parse(new StringReader("# c\n\nx | - | chat | - | - | no\n"), "mine.txt"))
        .isInstanceOf(OpenAiConfigurationException.class)
        .hasMessageContaining("mine.txt line 3")
        .hasMessageContaining("expected 17")
        .hasMessageContaining("or 13 without the last four");
    assertThatThrownBy(() -> ModelCatalog.parse(new StringReader(
            "x | - | thinking | - | - | no | system | - | - | - | - | - | -\n"), "mine.txt"))
        .hasMessageContaining("line 1: kind must be chat or reasoning");
    assertThatThrownBy(() -> ModelCatalog.parse(new StringReader(
            "x | - | chat | - | - | no | system | lots | - | - | - | - | -\n"), "mine.txt"))
        .hasMessageContaining("context must be a whole number");
    assertThatThrownBy(() -> ModelCatalog.parse(new StringReader(
            "x | - | chat | - | - | no | system | - | - | 14/01/2027 | - | - | -\n"), "mine.txt"))
        .hasMessageContaining("shutdown must be YYYY-MM-DD");
    Path missing = dir.resolve("nope.txt");
    assertThatThrownBy(() -> ModelCatalog.read(missing))
        .isInstanceOf(OpenAiConfigurationException.class)
        .hasMessageContaining("nope.txt")
        .hasMessageContaining(ModelCatalog.FILE_ENV);
  }

  @Test
  void pricesOfBaseAndFineTunedModelsSentAloneOrInABatch() {
    TokenPrice gpt4o = catalog.price("gpt-4o", PriceTier.STANDARD).orElseThrow();
    assertThat(gpt4o.inputPerMillion()).isEqualByComparingTo("2.50");
    assertThat(gpt4o.cachedInputPerMillion()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("1.25"));
    assertThat(gpt4o.outputPerMillion()).isEqualByComparingTo("10");
    assertThat(catalog.price("gpt-4o-2024-08-06", PriceTier.STANDARD)).contains(gpt4o);
    // 1M in and 1M out on a gpt-4o fine-tune: (2.50 + 10) x 1.5, and half of that in a batch
    assertThat(catalog.price("ft:gpt-4o-2024-08-06:acme:jung:x", PriceTier.STANDARD).orElseThrow()
        .cost(1_000_000, 0, 1_000_000)).isEqualByComparingTo("18.75");
    assertThat(catalog.price("ft:gpt-4o-2024-08-06:acme:jung:x", PriceTier.BATCH).orElseThrow()
        .cost(1_000_000, 0, 1_000_000)).isEqualByComparingTo("9.375");
    // cached prompt tokens at the cached price: 1M prompt of which 400k cached
    assertThat(gpt4o.cost(1_000_000, 400_000, 0)).isEqualByComparingTo("2.00");
    assertThat(gpt4o.cost(new dev.reve.openai.chat.Usage(1_000_000, 0, null,
        java.util.Optional.of(new dev.reve.openai.chat.Usage.PromptTokensDetails(400_000, 0)), null)))
        .isEqualByComparingTo("2.00");
    // no published price: unknown, never zero
    assertThat(catalog.price("gpt-6-luna", PriceTier.STANDARD)).isEmpty();
    assertThat(catalog.price("gpt-5-mini", PriceTier.BATCH)).isEmpty();
    assertThat(catalog.price("llama3.1:8b", PriceTier.STANDARD)).isEmpty();
  }

  @Test
  void aFileGivesPricesOrLeavesThemOut(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("caps.txt");
    Files.writeString(file, """
        gpt-6-luna | - | reasoning | temperature,top_p,max_tokens | low,none | yes | developer | - | - | - | - | - | - | 1.25 | 0.125 | 10 | 0.5
        local-llama | - | chat | - | - | no | system | - | - | - | - | - | - | 0 | - | 0 | -
        gpt-4o-2024-08-06 | gpt-4o | chat | - | - | no | system | 128000 | 16384 | 2027-02-01 | 25 | 1.5 | 65536
        """);
    ModelCatalog ours = ModelCatalog.fromSettings(k -> null, Map.of(ModelCatalog.FILE_ENV, file.toString())::get);
    assertThat(ours.price("gpt-6-luna", PriceTier.BATCH).orElseThrow().outputPerMillion()).isEqualByComparingTo("5");
    // a free local model is priced at zero because the file says so; it has no batch price
    assertThat(ours.price("local-llama", PriceTier.STANDARD).orElseThrow().cost(1000, 0, 1000)).isZero();
    assertThat(ours.price("local-llama", PriceTier.BATCH)).isEmpty();
    // a 13-column row replaces the built-in one, prices included: they are unknown now
    assertThat(ours.price("gpt-4o", PriceTier.STANDARD)).isEmpty();
    // in code
    ModelCatalog coded = catalog.toBuilder()
        .put(catalog.capabilities("gpt-6-luna").withPrice(TokenPrice.of("1", "4"), new BigDecimal("0.5"))).build();
    assertThat(coded.price("gpt-6-luna", PriceTier.BATCH).orElseThrow().inputPerMillion()).isEqualByComparingTo("0.5");
    assertThat(coded.capabilities("gpt-6-luna").reasoning()).isTrue();
  }

  @Test
  void aBadPriceNamesTheLine() {
    String row = "x | - | chat | - | - | no | system | - | - | - | - | - | - | ";
    assertThatThrownBy(() -> ModelCatalog.parse(new StringReader(row + "1 | - | - | 0.5\n"), "p.txt"))
        .isInstanceOf(OpenAiConfigurationException.class)
        .hasMessageContaining("p.txt line 1: in_price and out_price go together");
    assertThatThrownBy(() -> ModelCatalog.parse(new StringReader(row + "1 | x | 2 | 0.5\n"), "p.txt"))
        .hasMessageContaining("cached_price must be a number or -, was 'x'");
    assertThatThrownBy(() -> ModelCatalog.parse(new StringReader(row + "1 | - | 2 | 0\n"), "p.txt"))
        .hasMessageContaining("batch is a factor of the list price and must be above 0");
    assertThatThrownBy(() -> ModelCatalog.parse(new StringReader(row + "-1 | - | 2 | 0.5\n"), "p.txt"))
        .hasMessageContaining("in_price must not be negative");
  }
}
