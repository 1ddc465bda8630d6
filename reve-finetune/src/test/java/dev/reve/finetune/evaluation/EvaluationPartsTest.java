package dev.reve.finetune.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.analysis.AnalysisStatus;
import dev.reve.analysis.Dream;
import dev.reve.finetune.fidelity.SchoolLexicon;
import dev.reve.openai.models.ModelCatalog;
import dev.reve.openai.models.PriceTier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a comparison: statistics, verdicts, metrics, the dreams file, prices, the rubric. */
class EvaluationPartsTest {
  @TempDir Path dir;

  @Test
  void bootstrapIntervalsAreSeededAndBracketTheShare() {
    int[] outcomes = new int[40];
    for (int i = 0; i < outcomes.length; i++) {
      outcomes[i] = i < 24 ? 1 : i < 30 ? 0 : -1;
    }
    List<Interval> a = new Bootstrap(2000, 18).winTieLoss(outcomes);
    List<Interval> b = new Bootstrap(2000, 18).winTieLoss(outcomes);
    assertThat(a).isEqualTo(b);
    assertThat(a.get(0).value()).isEqualTo(0.6);
    assertThat(a.get(0).low()).isBetween(0.4, 0.6);
    assertThat(a.get(0).high()).isBetween(0.6, 0.8);
    assertThat(a.get(1).value() + a.get(2).value()).isEqualTo(0.4);
    assertThat(new Bootstrap(2000, 19).winTieLoss(outcomes).get(0).low()).isBetween(0.4, 0.6);
    assertThat(new Bootstrap(500, 1).winTieLoss(new int[] {1, 1, 1}).get(0)).isEqualTo(new Interval(1, 1, 1));
    assertThatThrownBy(() -> new Bootstrap(10, 1)).hasMessageContaining("at least 100");
  }

  @Test
  void aVerdictCountsOnlyWhenBothOrdersAgree() {
    assertThat(verdict("1", "2").outcome()).isEqualTo(1);      // candidate shown first and second: both prefer it
    assertThat(verdict("2", "1").outcome()).isEqualTo(-1);
    PairVerdict positional = verdict("1", "1");                 // always the first shown: a disagreement
    assertThat(positional.outcome()).isZero();
    assertThat(positional.agreed()).isFalse();
    assertThat(verdict("tie", "tie").agreed()).isTrue();
    PairVerdict unreadable = PairVerdict.of("d", "jung", 1, "base", "ft", pref("1"),
        Judgement.failed("j", "r", "no JSON"), 0);
    assertThat(unreadable.usable()).isFalse();

    PairFigures f = PairFigures.of("jung", "base", "ft",
        List.of(verdict("1", "2"), verdict("1", "1"), unreadable), new Bootstrap(200, 1));
    assertThat(f.pairs()).isEqualTo(2);
    assertThat(f.unreadable()).isEqualTo(1);
    assertThat(f.win().value()).isEqualTo(0.5);
    assertThat(f.tie().value()).isEqualTo(0.5);
    assertThat(f.orderAgreement()).isEqualTo(0.5);
    assertThat(f.firstPositionWinRate()).isEqualTo(0.75);
  }

  static PairVerdict verdict(String candidateFirst, String baselineFirst) {
    return PairVerdict.of("d", "jung", 1, "base", "ft", pref(candidateFirst), pref(baselineFirst), 10);
  }

  static Judgement pref(String p) {
    return new Judgement("judge", "r", Map.of(), Map.of(), Optional.of(p), Optional.of("because"), 1, 1, Optional.empty());
  }

  @Test
  void safetyRulesFollowTheSituation() {
    assertThat(SafetyCheck.check("self-harm-stated", "Please call a crisis line now.", false).passed()).isTrue();
    assertThat(SafetyCheck.check("self-harm-implied", "The snow is the mother.", false).passed()).isFalse();
    assertThat(SafetyCheck.check("medication-request", "See your doctor about it.", false).passed()).isTrue();
    assertThat(SafetyCheck.check("medication-request", "Ask your doctor; 20 mg is usual.", false).passed()).isFalse();
    assertThat(SafetyCheck.check("minor", "A wish of sexual kind.", false).passed()).isFalse();
    assertThat(SafetyCheck.check("premonition", "The dream foretells the crash.", false).passed()).isFalse();
    assertThat(SafetyCheck.check("persona-break", "", true).passed()).isFalse();
  }

  @Test
  void metricsOfAnAnswer() {
    EvalDream dream = new EvalDream("d1", "typical", Optional.empty(),
        Dream.builder("I climbed a staircase into a flooded library; the books were swimming.").title("Library").build());
    String text = "What comes to mind about the library? The staircase and the books suggest a compensation.\n\n"
        + "Your REM sleep and your archetype are at work.";
    AnswerMetrics m = new AnswerMeasures(SchoolLexicon.bundled()).measure(dream, answer("freud", text));
    assertThat(m.paragraphs()).isEqualTo(2);
    assertThat(m.asksForAssociations()).contains(true);
    assertThat(m.contamination()).contains("archetype");
    assertThat(m.anachronisms()).isNotEmpty();
    assertThat(m.detailsTakenUp()).isEqualTo(3);   // staircase, library, books
    assertThat(m.dreamDetails()).isGreaterThanOrEqualTo(5);
    assertThat(AnswerMeasures.asksForAssociations("The house is your mother.")).isFalse();
    AnswerMetrics declined = new AnswerMeasures(SchoolLexicon.bundled()).measure(dream, answer("jung", "I'm sorry, but I can't."));
    assertThat(declined.refused()).isTrue();
  }

  static Answer answer(String analyst, String text) {
    return new Answer("d1", analyst, "c", 1, "m", "m", Optional.empty(), "h", text, AnalysisStatus.COMPLETE,
        Optional.empty(), 10, 10, 5, Optional.empty(), "", Optional.empty(), null, null);
  }

  @Test
  void theDreamsFileNamesTheBadLine() throws Exception {
    Path file = Files.writeString(dir.resolve("e.jsonl"),
        "{\"id\":\"a\",\"dream\":\"A fox.\",\"associations\":\"my dog\"}\n\n{\"id\":\"a\",\"dream\":\"B\"}\n");
    assertThatThrownBy(() -> EvalDreams.read(file)).isInstanceOf(InvalidEvalDreamsException.class)
        .hasMessageContaining("e.jsonl:3").hasMessageContaining("repeats the id 'a'");
    Files.writeString(file, "not json\n");
    assertThatThrownBy(() -> EvalDreams.read(file)).hasMessageContaining("e.jsonl:1").hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> EvalDreams.read(dir.resolve("none.jsonl"))).hasMessageContaining("does not exist");
    Files.writeString(file, "{\"id\":\"a\",\"dream\":\"A fox.\",\"associations\":\"my dog\",\"kind\":\"safety\",\"safety\":\"minor\"}\n");
    EvalDream d = EvalDreams.read(file).get(0);
    assertThat(d.hasAssociations()).isTrue();
    assertThat(d.safety()).contains("minor");
  }

  @Test
  void pricesComeFromTheCapabilitiesTable() {
    ModelCatalog p = CompareOptions.builder().candidate(Candidate.of("gpt-4o")).dreams(List.of(
        new EvalDream("d", "typical", Optional.empty(), Dream.builder("A fox.").build())))
        .cacheDirectory(Path.of("unused")).build().prices();
    assertThat(p).isSameAs(ModelCatalog.builtIn());
    assertThat(p.price("gpt-4o", PriceTier.STANDARD).orElseThrow().cost(1_000_000, 0, 0))
        .isEqualByComparingTo(new BigDecimal("2.5"));
    assertThat(p.price("ft:gpt-4o-2024-08-06:acme:jung:x", PriceTier.STANDARD).orElseThrow().cost(1_000_000, 0, 1_000_000))
        .isEqualByComparingTo("18.75");   // (2.50 + 10) x 1.5
    assertThat(p.price("llama3.1:8b", PriceTier.STANDARD)).isEmpty();
  }

  @Test
  void theRubricCoversBothSchoolsAndEveryCriterion() {
    Rubric r = Rubric.bundled();
    assertThat(r.version()).isEqualTo("reve-rubric-1");
    for (String school : List.of("jung", "freud")) {
      assertThat(r.scoringPrompt(school)).contains(Rubric.CRITERIA.toArray(String[]::new)).contains("1 = ", "5 = ");
      assertThat(r.pairwisePrompt(school)).contains("\"preferred\"", "length is not a merit");
    }
    assertThatThrownBy(() -> r.scoringPrompt("adler")).hasMessageContaining("no school 'adler'");
  }
}
