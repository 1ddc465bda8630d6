package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reve.testkit.EvaluationResponder;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import dev.reve.testkit.Requests;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code reve compare} in process against the emulator, which plays the analysts and the judge. */
class CompareCommandTest {
  static final String JUNG_FT = "ft:gpt-4o-2024-08-06:emulator:jung:j1";
  static final String FREUD_FT = "ft:gpt-4o-2024-08-06:emulator:freud:f1";
  static final String JUDGE = "gpt-4.1-2025-04-14";

  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  @TempDir Path dir;
  OpenAiEmulator api;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    api = openai.emulator();
    api.models().add(JUNG_FT).add(FREUD_FT);
    api.chat().respondWith(new EvaluationResponder());
    cli = Cli.against(api, dir);
    cli.env.put("OPENAI_JUNG_MODEL", JUNG_FT);
    cli.env.put("OPENAI_FREUD_MODEL", FREUD_FT);
    Path dreams = dir.resolve("training-data/eval-dreams.jsonl");
    Files.createDirectories(dreams.getParent());
    Files.copy(repoRoot().resolve("training-data/eval-dreams.jsonl"), dreams);
  }

  static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("training-data")) ? here : here.getParent();
  }

  @Test
  void writesTheReportComparingTheBaseWithTheFineTunesAndARerunSendsNothing() throws Exception {
    Cli.Result result = cli.run("compare", "--limit", "5", "--judge", JUDGE, "--out", "out", "--record");

    assertThat(result.code()).as(result.all()).isZero();
    assertThat(result.out()).contains("20 answers (20 asked now, 0 from the cache", "judged by " + JUDGE,
        "jung   fine-tuned vs base: win 100% [100%, 100%]", "wrote out/report.html", "wrote out/summary.md",
        "wrote out/report.json", "recorded out/records/base-", "recorded out/records/fine-tuned-");
    String html = Files.readString(dir.resolve("out/report.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("base vs fine-tuned", JUNG_FT, "<svg");
    assertThat(Files.readString(dir.resolve("out/summary.md"))).contains("| freud | fine-tuned vs base | 5 |");
    assertThat(Files.readString(dir.resolve("out/report.json"))).contains("\"judge\": \"" + JUDGE + "\"");
    assertThat(result.all()).doesNotContain(Cli.KEY);
    try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(Cli.KEY);
      }
    }

    int sent = api.requests().received().size();
    Cli.Result again = cli.run("compare", "--limit", "5", "--judge", JUDGE, "--out", "out");
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(again.out()).contains("20 answers (0 asked now, 20 from the cache");
    assertThat(api.requests().received()).hasSize(sent);
  }

  @Test
  void comparesNamedModelsWithRecordedAnswers() throws Exception {
    assertThat(cli.run("compare", "--analyst", "jung", "--limit", "3", "--models", "tuned=" + JUNG_FT, "--out", "rec",
        "--record").code()).isZero();
    Path archive;
    try (Stream<Path> files = Files.list(dir.resolve("rec/records"))) {
      archive = files.findFirst().orElseThrow();
    }
    api.models().remove(JUNG_FT);

    Cli.Result result = cli.run("compare", "--analyst", "jung", "--limit", "3", "--models",
        "gpt-4o-mini-2024-07-18,then=@" + dir.relativize(archive), "--judge", JUDGE, "--out", "later");

    assertThat(result.code()).as(result.all()).isZero();
    assertThat(result.out()).contains("jung   then vs gpt-4o-mini-2024-07-18: win 100%");
  }

  @Test
  void badInputIsAClearUsageError() throws Exception {
    assertThat(cli.run("compare", "--batch", "--batch-wait", "0s").err()).contains("--batch-wait", "out of range");
    cli.env.remove("OPENAI_FREUD_MODEL");
    Cli.Result noTune = cli.run("compare", "--limit", "1");
    assertThat(noTune.code()).isEqualTo(ExitCode.USAGE);
    assertThat(noTune.err()).contains("No fine-tuned model is configured for freud", "OPENAI_FREUD_MODEL");
    Files.writeString(dir.resolve("bad.jsonl"), "{\"id\": \"a\", \"dream\": \"A fox.\"}\n{\"id\": \"b\"}\n");
    Cli.Result bad = cli.run("compare", "--dreams", "bad.jsonl", "--models", "gpt-4o,gpt-4o-mini");
    assertThat(bad.code()).isEqualTo(ExitCode.FAILURE);
    assertThat(bad.err()).contains("bad.jsonl:2", "has no \"dream\"");
    assertThat(cli.run("compare", "--samples", "0", "--models", "gpt-4o,gpt-4o-mini").err())
        .contains("samples must be 1 to 20");
  }

  private static BigDecimal cost(String out) {
    Matcher m = Pattern.compile("Cost of the answers: \\$([0-9.]+) ").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return new BigDecimal(m.group(1));
  }

  private static long answerCalls(OpenAiEmulator emulator) {
    return emulator.requests().received(Requests.under("POST", "chat")).stream()
        .filter(r -> !r.model().orElse("").equals(JUDGE)).count();
  }

  @Test
  void withBatchTheAnswersGoThroughBatchesAtHalfThePriceAndARerunSendsNothing() throws Exception {
    // The base model (gpt-6-luna by default) has no published price: give it a made-up one, for
    // this test only, through the capabilities file every command reads.
    Files.writeString(dir.resolve("caps.txt"), "gpt-6-luna | - | reasoning | temperature,top_p,max_tokens"
        + " | low,none,medium,high | yes | developer | - | - | - | - | - | - | 1 | - | 4 | 0.5\n");
    cli.env.put("REVE_MODEL_CAPABILITIES", "caps.txt");
    Cli.Result alone = cli.run("compare", "--limit", "2", "--judge", JUDGE, "--out", "alone");
    assertThat(alone.code()).as(alone.all()).isZero();
    assertThat(alone.out()).contains("(0 at the batch price, 8 asked alone; the judge's calls not counted)");
    long calls = answerCalls(api);

    Cli.Result batched = cli.run("compare", "--limit", "2", "--judge", JUDGE, "--out", "out", "--batch",
        "--batch-interval", "1ms");
    assertThat(batched.code()).as(batched.all()).isZero();
    assertThat(batched.out()).contains("8 answers (8 asked now, 0 from the cache", "judged by " + JUDGE,
        "jung   fine-tuned vs base: win 100%", "(8 at the batch price, 0 asked alone", "wrote out/report.html",
        "wrote out/report.json");
    assertThat(batched.err()).contains("sent as batch batch_", "at most $", "at the batch price");
    assertThat(answerCalls(api)).isEqualTo(calls);
    assertThat(api.batches().all()).hasSize(4);
    assertThat(cost(batched.out())).isPositive()
        .isCloseTo(cost(alone.out()).divide(BigDecimal.valueOf(2)), within(new BigDecimal("0.0001")));
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("base vs fine-tuned", JUNG_FT, "<svg");
    assertThat(batched.all()).doesNotContain(Cli.KEY);
    try (Stream<Path> files = Files.list(dir.resolve("out/batches"))) {
      assertThat(files).isEmpty();
    }

    int sent = api.requests().received().size();
    Cli.Result again = cli.run("compare", "--limit", "2", "--judge", JUDGE, "--out", "out", "--batch");
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(again.out()).contains("8 answers (0 asked now, 8 from the cache");
    assertThat(api.requests().received()).hasSize(sent);
    assertThat(api.batches().all()).hasSize(4);
  }

  @Test
  void withBatchARunThatStopsWaitingIsCollectedByTheNextWithoutNewBatches() throws Exception {
    try (OpenAiEmulator slow = OpenAiEmulator.builder().advanceBatchesOnRetrieve(false).start()) {
      slow.models().add(JUNG_FT).add(FREUD_FT);
      slow.chat().respondWith(new EvaluationResponder());
      Cli other = Cli.against(slow, dir);
      other.env.putAll(Map.of("OPENAI_JUNG_MODEL", JUNG_FT, "OPENAI_FREUD_MODEL", FREUD_FT));

      Cli.Result stopped = other.run("compare", "--limit", "2", "--out", "out", "--batch", "--batch-wait", "1ms");
      assertThat(stopped.code()).as(stopped.all()).isEqualTo(ExitCode.FAILURE);
      assertThat(stopped.err()).contains("4 batch run(s) of the comparison had not finished",
          "run the same comparison again");
      assertThat(slow.batches().all()).hasSize(4);
      try (Stream<Path> runs = Files.list(dir.resolve("out/batches"))) {
        assertThat(runs.toList()).hasSize(4).allSatisfy(r -> assertThat(r.resolve("reve-batch.json")).exists());
      }

      slow.batches().all().forEach(b -> slow.batches().complete(b.id()));
      Cli.Result resumed = other.run("compare", "--limit", "2", "--out", "out", "--batch", "--batch-interval", "1ms");
      assertThat(resumed.code()).as(resumed.all()).isZero();
      assertThat(resumed.out()).contains("8 answers (8 asked now", "(8 at the batch price");
      assertThat(resumed.err()).contains("left this run open");
      // without a price for the default base model the cost is unknown, never $0
      assertThat(resumed.out()).contains("Cost of the answers: unknown: no price for gpt-6-luna");
      assertThat(slow.batches().all()).hasSize(4);
      assertThat(slow.requests().received(Requests.to("POST", "files"))).hasSize(4);
      assertThat(answerCalls(slow)).isZero();
    }
  }
}
