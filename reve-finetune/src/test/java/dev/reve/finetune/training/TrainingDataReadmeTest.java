package dev.reve.finetune.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.finetune.support.RepoFiles;
import dev.reve.finetune.validation.CostEstimate;
import dev.reve.finetune.validation.Epochs;
import dev.reve.finetune.validation.PriceTable;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.finetune.validation.ValidationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The themes table and the figures in training-data/README.md are generated from the sources and
 * the validator; this test fails when they are stale, and rewrites them with
 * {@code -Dreve.regenerate=true}.
 */
class TrainingDataReadmeTest {
  private static final List<String> ANALYSTS = List.of("jung", "freud");
  private static final List<String> COST_MODELS = List.of("gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18");

  @Test
  void generatedSectionsAreUpToDate(@TempDir Path out) throws IOException {
    Path readme = RepoFiles.trainingData().resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    Path sourceDir = RepoFiles.trainingData().resolve("source");
    TrainingSources.render(sourceDir, out, AnalystRegistry.withBuiltIns());

    List<TrainingSource> sources = TrainingSources.readAll(sourceDir);
    String updated = replace(text, "themes", themes(sources));
    updated = replace(updated, "ages", ReadmeTables.ages(sources));
    updated = replace(updated, "turns", ReadmeTables.turns(sources, ANALYSTS));
    updated = replace(updated, "safety", ReadmeTables.safety(sources));
    updated = replace(updated, "checks", ReadmeTables.checks(sources, ANALYSTS));
    updated = replace(updated, "figures", figures(out));

    if (RepoFiles.regenerate() && !updated.equals(text)) {
      Files.writeString(readme, updated, StandardCharsets.UTF_8);
      text = updated;
    }
    assertThat(text)
        .withFailMessage(
            "training-data/README.md has stale generated sections (themes or figures). Regenerate with:%n  %s",
            CommittedTrainingFilesTest.REGENERATE)
        .isEqualTo(updated);
  }

  static String themes(List<TrainingSource> sources) {
    StringBuilder table = new StringBuilder(
        "| id | theme | kind | age | register | answers (jung / freud) | title | context or associations |\n"
            + "|---|---|---|---|---|---|---|---|\n");
    for (TrainingSource s : sources) {
      table.append("| ").append(s.id())
          .append(" | ").append(cell(s.theme()))
          .append(" | ").append(s.kind().label())
          .append(" | ").append(s.age().map(String::valueOf).orElse("-"))
          .append(" | ").append(s.register().orElse("-"))
          .append(" | ").append(s.answers("jung").size()).append(" / ").append(s.answers("freud").size())
          .append(" | ").append(s.title().map(TrainingDataReadmeTest::cell).orElse("-"))
          .append(" | ").append(s.context().isPresent() || s.associations().isPresent() ? "yes" : "-")
          .append(" |\n");
    }
    long withContext = sources.stream().filter(s -> s.context().isPresent() || s.associations().isPresent()).count();
    table.append('\n').append(sources.size()).append(" dreams: ");
    List<String> kinds = new ArrayList<>();
    for (TrainingSource.Kind kind : TrainingSource.Kind.values()) {
      kinds.add(sources.stream().filter(s -> s.kind() == kind).count() + " " + kind.label());
    }
    table.append(String.join(", ", kinds)).append("; ").append(withContext)
        .append(" with the dreamer's context or associations.\n");
    return table.toString();
  }

  static String figures(Path dir) {
    TrainingDataValidator validator = new TrainingDataValidator();
    List<AnalystProfile> analysts = BuiltInAnalysts.all();
    List<ValidationReport> reports = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (AnalystProfile analyst : analysts) {
      names.add(TrainingSources.fileName(analyst.id()));
      names.add(TrainingSources.validationFileName(analyst.id()));
    }
    for (String name : names) {
      AnalystProfile analyst = TrainingDataLayout.analystOf(dir.resolve(name)).orElseThrow();
      reports.add(validator.validate(dir.resolve(name),
          ValidationOptions.builder().analyst(analyst).epochs(Epochs.of(3)).build()));
    }
    StringBuilder table = new StringBuilder("| | ");
    names.forEach(n -> table.append(n).append(" | "));
    table.setLength(table.length() - 1);
    table.append("\n|---|").append("---|".repeat(names.size())).append('\n');
    row(table, "examples", reports, r -> Long.toString(r.examples()));
    row(table, "errors / warnings", reports, r -> r.errorCount() + " / " + r.warningCount());
    row(table, "tokens (one epoch)", reports, r -> fmt(r.tokens().total()));
    row(table, "largest example", reports, r -> fmt(r.tokens().max()) + " tokens (line " + r.tokens().maxLine() + ")");
    row(table, "mean per example", reports, r -> String.format(Locale.ROOT, "%,.0f tokens", r.tokens().mean()));
    for (String model : COST_MODELS) {
      row(table, "training cost, " + model + ", 3 epochs", reports, r -> PriceTable.defaults()
          .estimate(model, r.tokens().total(), Epochs.of(3))
          .map(c -> "$" + c.trainingCostUsdRounded().toPlainString())
          .orElse("unknown"));
    }
    CostEstimate sample = PriceTable.defaults().estimate(COST_MODELS.get(0), 1, Epochs.of(3)).orElseThrow();
    table.append("\nTokens are o200k_base counts with OpenAI's chat framing; costs are tokens x 3 epochs x the")
        .append(" list price per 1M training tokens ($")
        .append(sample.usdPerMillionTokens().toPlainString()).append(" for ").append(COST_MODELS.get(0))
        .append(", $").append(PriceTable.defaults().find(COST_MODELS.get(1)).orElseThrow()
            .trainingUsdPerMillionTokens().toPlainString())
        .append(" for ").append(COST_MODELS.get(1)).append("). The validation files are not trained on;")
        .append(" OpenAI charges nothing for them, and their warnings are the small-file notice.\n");
    return table.toString();
  }

  private static void row(StringBuilder table, String label, List<ValidationReport> reports,
      java.util.function.Function<ValidationReport, String> value) {
    table.append("| ").append(label).append(" | ");
    reports.forEach(r -> table.append(value.apply(r)).append(" | "));
    table.setLength(table.length() - 1);
    table.append('\n');
  }

  private static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /** Replaces the text between {@code <!-- begin generated: name -->} and its end marker. */
  static String replace(String text, String name, String content) {
    String begin = "<!-- begin generated: " + name + " -->\n";
    String end = "<!-- end generated: " + name + " -->";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    assertThat(from).as("README marker %s", begin.strip()).isNotNegative();
    assertThat(to).as("README marker %s", end).isGreaterThan(from);
    return text.substring(0, from + begin.length()) + content + text.substring(to);
  }
}
