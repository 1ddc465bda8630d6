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
        .hasMessageContaining("expected 13");
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
}
