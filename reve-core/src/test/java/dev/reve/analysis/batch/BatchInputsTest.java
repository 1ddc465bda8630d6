package dev.reve.analysis.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.models.ModelCapabilities;
import dev.reve.openai.models.ModelCatalog;
import dev.reve.openai.models.PriceTier;
import dev.reve.openai.models.TokenPrice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dreams file, dream ids, custom ids and batch prices. */
class BatchInputsTest {
  @TempDir Path dir;

  @Test
  void aDreamsFileIsReadLineByLineSkippingBlankLines() throws Exception {
    Path file = Files.writeString(dir.resolve("d.jsonl"), "\uFEFF{\"id\":\"a\",\"content\":\"I flew.\",\"title\":\"Up\"}\n"
        + "\n{\"id\":\"b\",\"content\":\"I fell.\",\"context\":\"40\",\"associations\":\"stairs\"}\n",
        StandardCharsets.UTF_8);
    List<DreamRecord> dreams = new ArrayList<>();
    try (DreamFile in = DreamFile.open(file)) {
      in.forEachRemaining(dreams::add);
      assertThat(in.lineNumber()).isEqualTo(3);
    }
    assertThat(dreams).extracting(DreamRecord::id).containsExactly("a", "b");
    assertThat(dreams.get(0).dream().title()).hasValue("Up");
    assertThat(dreams.get(1).dream().associations()).hasValue("stairs");
  }

  @Test
  void aBadLineIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("d.jsonl"), "{\"id\":\"a\",\"content\":\"x\"}\n{\"id\":\"a b\",\"content\":\"y\"}\n");
    try (DreamFile in = DreamFile.open(file)) {
      in.next();
      assertThatThrownBy(in::next).isInstanceOf(InvalidDreamFileException.class)
          .hasMessageContaining("line 2").hasMessageContaining("dream id 'a b'")
          .satisfies(e -> assertThat(((InvalidDreamFileException) e).line()).isEqualTo(2));
    }
    Path notJson = Files.writeString(dir.resolve("e.jsonl"), "dream: I flew\n");
    try (DreamFile in = DreamFile.open(notJson)) {
      assertThatThrownBy(in::hasNext).hasMessageContaining("line 1").hasMessageContaining("not a JSON object");
    }
  }

  @Test
  void linesAreReadWithACapOnTheirLength() throws Exception {
    try (BoundedLines lines = new BoundedLines(new java.io.StringReader("a\r\n\nbc\nlast"), 5)) {
      assertThat(lines.next()).isEqualTo("a");
      assertThat(lines.next()).isEmpty();
      assertThat(lines.next()).isEqualTo("bc");
      assertThat(lines.next()).isEqualTo("last");
      assertThat(lines.number()).isEqualTo(4);
      assertThat(lines.next()).isNull();
    }
    String endless = "x".repeat(100_000);
    try (BoundedLines lines = new BoundedLines(new java.io.StringReader("ok\n" + endless), 50_000)) {
      lines.next();
      assertThatThrownBy(lines::next)
          .isInstanceOf(dev.reve.openai.batches.MalformedBatchLineException.class)
          .hasMessageContaining("line 2").hasMessageContaining("over 50000 characters");
    }
  }

  @Test
  void customIdsSplitAtTheFirstSlash() {
    String id = CustomIds.of("jung", "2024:night/1");
    assertThat(CustomIds.analyst(id)).isEqualTo("jung");
    assertThat(CustomIds.dream(id)).isEqualTo("2024:night/1");
  }

  @Test
  void batchPricesComeFromTheCapabilitiesTableAtHalfTheListPrice() {
    ModelCatalog table = ModelCatalog.builtIn();
    TokenPrice mini = table.price("gpt-4o-mini", PriceTier.BATCH).orElseThrow();
    assertThat(table.price("gpt-4o-mini-2024-07-18", PriceTier.BATCH)).contains(mini);
    assertThat(mini.inputPerMillion()).isEqualByComparingTo("0.075");
    assertThat(mini.outputPerMillion()).isEqualByComparingTo("0.30");
    // a fine-tune costs its base's batch price times ft_use (2 for the mini models)
    assertThat(table.price("ft:gpt-4o-mini-2024-07-18:acme::abc", PriceTier.BATCH).orElseThrow().inputPerMillion())
        .isEqualByComparingTo("0.15");
    assertThat(table.price("llama-3", PriceTier.BATCH)).isEmpty();
    ModelCatalog local = table.toBuilder()
        .put(ModelCapabilities.unknown("llama-3").withPrice(TokenPrice.of("0.2", "0.4"), new java.math.BigDecimal("0.5")))
        .build();
    assertThat(local.price("llama-3", PriceTier.BATCH).orElseThrow().outputPerMillion()).isEqualByComparingTo("0.2");
  }
}
