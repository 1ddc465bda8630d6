package dev.reve.finetune.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.finetune.fidelity.SchoolLexicon;
import dev.reve.finetune.support.RepoFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data checks: the committed sources meet every threshold, and each check can fail. */
class CorpusReportTest {
  private static final List<String> ANALYSTS = List.of("jung", "freud");

  @Test
  void theCommittedSourcesMeetEveryThreshold() {
    List<TrainingSource> sources = TrainingSources.readAll(RepoFiles.trainingData().resolve("source"));
    CorpusReport report = CorpusReport.of(sources, ANALYSTS, SchoolLexicon.bundled(), CorpusThresholds.DEFAULT);
    System.out.print("Training data checks (CorpusReport):\n" + report.summary());
    assertThat(report.failures()).as(report.summary()).isEmpty();
  }

  private static TrainingSource source(String id, TrainingSource.Kind kind, String dream, List<String> jungTurns) {
    return TrainingSources.parse(id + ".dream", "id: " + id + "\ntheme: t\nkind: " + kind.label()
        + (kind == TrainingSource.Kind.SAFETY ? "\nsafety: minor" : "") + "\n\n## Dream\n" + dream + "\n\n## Jung\n"
        + String.join("\n\n### Dreamer\n", jungTurns.subList(0, 1))
        + (jungTurns.size() > 1 ? "\n\n### Dreamer\n" + jungTurns.get(1) + "\n\n### Jung\n" + jungTurns.get(2) : "")
        + "\n");
  }

  @Test
  void eachCheckReportsWhatFails() {
    String filler = "cloud ".repeat(120);
    String stock = "on the subjective level the archetype of the shadow speaks. ";
    List<TrainingSource> sources = List.of(
        source("001-a", TrainingSource.Kind.TYPICAL, "short dream", List.of(stock + "river ".repeat(120))),
        source("002-b", TrainingSource.Kind.TYPICAL, "word ".repeat(210), List.of(stock + "stone ".repeat(120))),
        source("003-c", TrainingSource.Kind.SAFETY, "a dream of forty words or so", List.of("too short")),
        source("004-d", TrainingSource.Kind.TYPICAL, "x", List.of(filler + "what?", "my aunt", filler + "the anima")));
    CorpusReport report = CorpusReport.of(sources, List.of("jung"), SchoolLexicon.bundled(), CorpusThresholds.DEFAULT);

    CorpusReport.AnalystFigures jung = report.analysts().get("jung");
    assertThat(jung.examples()).isEqualTo(4);
    assertThat(jung.answers()).isEqualTo(5);
    assertThat(jung.multiTurn()).isEqualTo(1);
    assertThat(jung.safety()).isEqualTo(1);
    assertThat(jung.topPhraseExamples()).isEqualTo(2);
    assertThat(jung.lengthOutliers()).containsExactly("003-c#1 (2)");
    assertThat(jung.lowDensity()).singleElement().asString().startsWith("004-d");
    assertThat(report.failures()).anyMatch(f -> f.contains("fewer than 150"))
        .anyMatch(f -> f.contains("answers outside 100-700 words"))
        .anyMatch(f -> f.contains("is in 2 (50.0%) of the examples, over 15%"))
        .anyMatch(f -> f.contains("under 1.0 own-school terms per 100 words: 004-d"))
        .anyMatch(f -> f.startsWith("dreams over 200 words: 1 (25.0%)"));
    assertThat(CorpusReport.FUNCTION_WORDS).contains("the", "of", "is", "and", "it").doesNotContain("level", "dream");
    assertThat(SchoolLexicon.bundled().ownTerms("jung", "The anima, then the anima figure."))
        .extracting(h -> h.matched()).containsExactly("The anima", "anima figure");
  }
}
