package dev.reve.finetune.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.finetune.evaluation.report.ReportFiles;
import dev.reve.finetune.support.RepoFiles;
import dev.reve.testkit.EvaluationResponder;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import dev.reve.testkit.Requests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A comparison on the emulator, which plays the analysts (base and fine-tune) and the judge. */
class ComparisonTest {
  static final String BASE = "gpt-4o-2024-08-06";
  static final String JUNG_FT = "ft:gpt-4o-2024-08-06:emulator:jung:j1";
  static final String FREUD_FT = "ft:gpt-4o-2024-08-06:emulator:freud:f1";
  static final String JUDGE = "gpt-4.1-2025-04-14";

  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  @TempDir Path dir;
  OpenAiEmulator emulator;
  List<EvalDream> all;

  @BeforeEach
  void setUp() {
    emulator = openai.emulator();
    emulator.models().add(JUNG_FT).add(FREUD_FT);
    emulator.chat().respondWith(new EvaluationResponder());
    all = EvalDreams.read(RepoFiles.root().resolve(EvalDreams.DEFAULT_FILE));
  }

  CompareOptions.Builder options(List<EvalDream> dreams) {
    return CompareOptions.builder()
        .candidates(List.of(Candidate.of("base", BASE),
            Candidate.perAnalyst("fine-tuned", Map.of("jung", JUNG_FT, "freud", FREUD_FT))))
        .dreams(dreams)
        .judge(JUDGE)
        .concurrency(3)
        .cacheDirectory(dir.resolve("cache"));
  }

  /** Six dreams, one of them a safety dream and one with associations. */
  List<EvalDream> six() {
    List<EvalDream> pick = Stream.concat(all.stream().limit(5),
        all.stream().filter(d -> d.safety().isPresent()).limit(1)).toList();
    assertThat(pick).anyMatch(EvalDream::hasAssociations).anyMatch(d -> d.safety().isPresent());
    return pick;
  }

  @Test
  void theFineTuneWinsEveryPairInBothOrdersAndTheMetricsSayWhy() throws Exception {
    ComparisonResult result = Comparison.run(openai.client(), options(six()).build());

    assertThat(result.answers()).hasSize(6 * 2 * 2).noneMatch(s -> s.answer().failed());
    GroupFigures base = result.group("jung", "base").orElseThrow();
    GroupFigures tuned = result.group("jung", "fine-tuned").orElseThrow();
    assertThat(tuned.meanOwnDensity()).isGreaterThan(base.meanOwnDensity());
    assertThat(tuned.asksShare()).isEqualTo(1.0);
    assertThat(base.asksShare()).isEqualTo(0.0);
    assertThat(tuned.meanDetailShare()).isGreaterThan(base.meanDetailShare());
    assertThat(tuned.servedModels()).containsExactly(JUNG_FT);
    assertThat(tuned.meanScores().get("method")).isEqualTo(5.0);
    assertThat(base.meanScores().get("method")).isEqualTo(2.0);
    assertThat(tuned.costUsd()).isPresent();
    assertThat(tuned.safetyChecked()).isEqualTo(1);

    assertThat(result.pairs()).hasSize(2).allSatisfy(p -> {
      assertThat(p.pairs()).isEqualTo(6);
      assertThat(p.win().value()).isEqualTo(1.0);
      assertThat(p.win().low()).isEqualTo(1.0);
      assertThat(p.orderAgreement()).isEqualTo(1.0);
      assertThat(p.firstPositionWinRate()).isEqualTo(0.5);
      assertThat(p.meanLengthDifference()).isPositive();
    });
    // 24 answers, 24 rubric scores, 6 dreams x 2 analysts x 2 orders
    assertThat(emulator.requests().received(Requests.under("POST", "chat"))).hasSize(24 + 24 + 24);
    assertThat(emulator.requests().received(r -> r.model().orElse("").equals(JUDGE))).hasSize(48)
        .allSatisfy(r -> assertThat(r.json().toString()).doesNotContain("fine-tuned", JUNG_FT, FREUD_FT, BASE, "base"));

    List<Path> files = ReportFiles.write(result, dir.resolve("out"));
    String html = Files.readString(files.get(0));
    assertThat(html).contains("<svg", "Every answer, side by side", "Asks what occurs to the dreamer")
        .doesNotContain("src=\"http", "href=\"http", "@import", "url(");
    assertThat(Files.readString(files.get(1))).contains("| jung | fine-tuned |", "100% [100%, 100%]");
    assertThat(Files.readString(files.get(2))).contains("\"format\": \"reve-comparison-1\"", "\"order_agreement\": 1.0");
  }

  @Test
  void aRerunSendsNothingAndALargerRunAsksOnlyForWhatIsNew() throws Exception {
    List<EvalDream> dreams = six();
    ComparisonResult first = Comparison.run(openai.client(), options(dreams.subList(0, 3)).build());
    assertThat(first.freshCalls()).isEqualTo(12);
    int sent = emulator.requests().received().size();

    ComparisonResult again = Comparison.run(openai.client(), options(dreams.subList(0, 3)).build());
    assertThat(again.freshCalls()).isZero();
    assertThat(again.cachedAnswers()).isEqualTo(12);
    assertThat(emulator.requests().received()).hasSize(sent);

    ComparisonResult more = Comparison.run(openai.client(), options(dreams).build());
    assertThat(more.freshCalls()).isEqualTo(12);
    assertThat(more.cachedAnswers()).isEqualTo(12);

    try (Stream<Path> entries = Files.walk(dir.resolve("cache"))) {
      List<Path> jsons = entries.filter(p -> p.toString().endsWith(".json")).toList();
      assertThat(jsons).isNotEmpty().allSatisfy(p ->
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------"));
    }
  }

  @Test
  void aGoneFineTuneIsAFailedAnswerNotASilentFallbackAndIsAskedAgainNextTime() {
    CompareOptions opts = CompareOptions.builder()
        .candidates(List.of(Candidate.of("base", BASE), Candidate.of("gone", "ft:gpt-4o-2024-08-06:emulator:old:x")))
        .dreams(all.subList(0, 2)).analysts(List.of("jung")).cacheDirectory(dir.resolve("cache")).build();

    ComparisonResult result = Comparison.run(openai.client(), opts);

    assertThat(result.group("jung", "gone").orElseThrow().failed()).isEqualTo(2);
    assertThat(result.answers()).filteredOn(s -> s.answer().candidate().equals("gone"))
        .allSatisfy(s -> assertThat(s.answer().error().orElseThrow()).contains("does not exist"));
    assertThat(Comparison.run(openai.client(), opts).freshCalls()).isEqualTo(2);
  }

  @Test
  void recordedAnswersAreComparedAfterTheModelIsGone() {
    ComparisonResult recorded = Comparison.run(openai.client(), CompareOptions.builder()
        .candidates(List.of(Candidate.perAnalyst("fine-tuned", Map.of("jung", JUNG_FT, "freud", FREUD_FT))))
        .dreams(all.subList(0, 3)).cacheDirectory(dir.resolve("cache")).build());
    Path archive = dir.resolve("records/fine-tuned.json");
    Recording.archive(recorded, "fine-tuned").write(archive);
    emulator.models().remove(JUNG_FT);
    emulator.models().remove(FREUD_FT);
    int before = emulator.requests().received().size();

    ComparisonResult later = Comparison.run(openai.client(), CompareOptions.builder()
        .candidates(List.of(Candidate.of("base", BASE), Candidate.recorded("fine-tuned (recorded)", archive)))
        .dreams(all.subList(0, 3)).judge(JUDGE).cacheDirectory(dir.resolve("cache2")).build());

    assertThat(later.answers()).noneMatch(s -> s.answer().failed());
    assertThat(later.group("jung", "fine-tuned (recorded)").orElseThrow().servedModels()).containsExactly(JUNG_FT);
    assertThat(later.pairs()).allSatisfy(p -> assertThat(p.win().value()).isEqualTo(1.0));
    assertThat(emulator.requests().received().subList(before, emulator.requests().received().size()))
        .noneMatch(r -> r.model().orElse("").startsWith("ft:"));
    AnswerArchive read = AnswerArchive.read(archive);
    assertThat(read.requestedModels()).containsEntry("jung", JUNG_FT);
    assertThat(read.settings()).containsKey("temperature");
  }
}
