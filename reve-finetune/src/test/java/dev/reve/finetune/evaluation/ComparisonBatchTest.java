package dev.reve.finetune.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.finetune.evaluation.report.ReportFiles;
import dev.reve.finetune.support.RepoFiles;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.models.PriceTier;
import dev.reve.openai.spi.Json;
import dev.reve.testkit.EvaluationResponder;
import dev.reve.testkit.FaultHandle;
import dev.reve.testkit.FaultSpec;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.Replies;
import dev.reve.testkit.Requests;
import dev.reve.testkit.StoredBatch;
import dev.reve.testkit.VirtualTime;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CompareOptions.batch}: the answers go through the emulator's /batches (and /files)
 * instead of one chat call each, into the same cache; the judge stays synchronous.
 */
class ComparisonBatchTest {
  static final String BASE = ComparisonTest.BASE;
  static final String JUNG_FT = ComparisonTest.JUNG_FT;
  static final String FREUD_FT = ComparisonTest.FREUD_FT;
  static final String JUDGE = ComparisonTest.JUDGE;

  // Polls wait on virtual time, never real time.
  private final VirtualTime time = new VirtualTime();
  @TempDir Path dir;

  private static OpenAiEmulator emulator(boolean advanceOnRetrieve) {
    OpenAiEmulator api = OpenAiEmulator.builder().advanceBatchesOnRetrieve(advanceOnRetrieve).start();
    api.models().add(JUNG_FT).add(FREUD_FT);
    api.chat().respondWith(new EvaluationResponder());
    return api;
  }

  private CompareOptions.Builder options(String cache, boolean batch, Duration wait) {
    List<EvalDream> dreams = EvalDreams.read(RepoFiles.root().resolve(EvalDreams.DEFAULT_FILE)).subList(0, 3);
    CompareOptions.Builder b = CompareOptions.builder()
        .candidates(List.of(Candidate.of("base", BASE),
            Candidate.perAnalyst("fine-tuned", Map.of("jung", JUNG_FT, "freud", FREUD_FT))))
        .dreams(dreams)
        .judge(JUDGE)
        .concurrency(2)
        .cacheDirectory(dir.resolve(cache));
    if (batch) {
      b.batch(CompareBatch.builder(dir.resolve("batches")).pollInterval(Duration.ofSeconds(10)).timeout(wait)
          .sleeper(time).clock(time).build());
    }
    return b;
  }

  private static long answerCalls(OpenAiEmulator api) {
    return api.requests().received(Requests.under("POST", "chat")).stream()
        .filter(r -> !r.model().orElse("").equals(JUDGE)).count();
  }

  private static List<Path> runFolders(Path batches) throws IOException {
    if (!Files.isDirectory(batches)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(batches)) {
      return s.toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(Path file) throws IOException {
    return (Map<String, Object>) Json.MOSHI.adapter(Object.class).fromJson(Files.readString(file));
  }

  @Test
  void answersThroughBatchesGiveTheSameReportAtHalfThePrice() throws Exception {
    try (OpenAiEmulator api = emulator(true)) {
      OpenAiClient client = api.client();
      ComparisonResult alone = Comparison.run(client, options("alone", false, Duration.ofHours(1)).build());
      long callsAlone = answerCalls(api);
      assertThat(callsAlone).isEqualTo(12);

      ComparisonResult batched = Comparison.run(client, options("cache", true, Duration.ofHours(1)).build());

      // 3 dreams x 2 analysts x 2 candidates, none asked by a chat call: four batches, one per
      // candidate and analyst, with one upload each
      assertThat(batched.answers()).hasSize(12).noneMatch(s -> s.answer().failed())
          .allSatisfy(s -> assertThat(s.answer().tier()).isEqualTo(PriceTier.BATCH));
      assertThat(batched.freshCalls()).isEqualTo(12);
      assertThat(answerCalls(api)).isEqualTo(callsAlone);
      assertThat(api.batches().all()).hasSize(4).allSatisfy(b -> {
        assertThat(b.status()).isEqualTo("completed");
        assertThat(b.total()).isEqualTo(3);
      });
      assertThat(api.requests().received(Requests.to("POST", "files"))).hasSize(4);

      // the same answers, figures and judgements as asked alone; the cost is half
      for (String analyst : List.of("jung", "freud")) {
        for (String candidate : List.of("base", "fine-tuned")) {
          GroupFigures a = alone.group(analyst, candidate).orElseThrow();
          GroupFigures b = batched.group(analyst, candidate).orElseThrow();
          assertThat(b.meanOwnDensity()).isEqualTo(a.meanOwnDensity());
          assertThat(b.meanScores()).isEqualTo(a.meanScores());
          assertThat(b.promptTokens()).isEqualTo(a.promptTokens());
          assertThat(b.costUsd().orElseThrow())
              .isEqualByComparingTo(a.costUsd().orElseThrow().multiply(new BigDecimal("0.5")));
          assertThat(b.costUsd().orElseThrow()).isPositive();
        }
      }
      assertThat(batched.answers()).extracting(s -> s.answer().text())
          .containsExactlyElementsOf(alone.answers().stream().map(s -> s.answer().text()).toList());
      assertThat(batched.pairs()).extracting(p -> p.win().value()).containsExactly(1.0, 1.0);

      List<Path> aloneFiles = ReportFiles.write(alone, dir.resolve("out-alone"));
      List<Path> batchFiles = ReportFiles.write(batched, dir.resolve("out"));
      assertThat(batchFiles).extracting(p -> p.getFileName().toString())
          .containsExactlyElementsOf(aloneFiles.stream().map(p -> p.getFileName().toString()).toList());
      Path report = batchFiles.stream().filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
      Path aloneReport = aloneFiles.stream().filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
      assertThat(json(report).keySet()).isEqualTo(json(aloneReport).keySet());
      assertThat(Files.readString(report)).contains("\"price_tier\": \"batch\"").doesNotContain("\"price_tier\": \"standard\"");
      assertThat(Files.readString(aloneReport)).contains("\"price_tier\": \"standard\"");

      // the batch runs are gone once their answers are cached; the cache (12 answers, 12 scores,
      // 12 pairwise verdicts) is owner-only
      assertThat(runFolders(dir.resolve("batches"))).isEmpty();
      try (Stream<Path> entries = Files.walk(dir.resolve("cache"))) {
        assertThat(entries.filter(p -> p.toString().endsWith(".json")).toList()).hasSize(12 + 12 + 12)
            .allSatisfy(p -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                .isEqualTo("rw-------"));
      }
    }
  }

  @Test
  void aRerunSendsNoBatchAndAskingAloneReusesTheBatchAnswers() {
    try (OpenAiEmulator api = emulator(true)) {
      OpenAiClient client = api.client();
      Comparison.run(client, options("cache", true, Duration.ofHours(1)).build());
      int requests = api.requests().received().size();
      assertThat(api.batches().all()).hasSize(4);

      ComparisonResult again = Comparison.run(client, options("cache", true, Duration.ofHours(1)).build());
      assertThat(again.freshCalls()).isZero();
      assertThat(again.cachedAnswers()).isEqualTo(12);
      assertThat(api.requests().received()).hasSize(requests);
      assertThat(api.batches().all()).hasSize(4);

      // the cache key is the one of an answer asked alone: without --batch nothing is asked either
      ComparisonResult alone = Comparison.run(client, options("cache", false, Duration.ofHours(1)).build());
      assertThat(alone.freshCalls()).isZero();
      assertThat(api.requests().received()).hasSize(requests);
      // and the cost of those answers stays the batch price they were bought at
      assertThat(alone.answers()).allSatisfy(s -> assertThat(s.answer().tier()).isEqualTo(PriceTier.BATCH));
    }
  }

  @Test
  void aRunStoppedAfterItsBatchesWereCreatedIsCollectedByTheNextWithoutNewBatches() throws Exception {
    try (OpenAiEmulator api = emulator(false)) {
      OpenAiClient client = api.client();
      // the batches never move on their own: the wait (one virtual minute) runs out
      assertThatThrownBy(() -> Comparison.run(client, options("cache", true, Duration.ofMinutes(1)).build()))
          .isInstanceOf(BatchPendingException.class)
          .hasMessageContaining("4 batch run(s)")
          .hasMessageContaining("run the same comparison again")
          .satisfies(e -> assertThat(((BatchPendingException) e).openRuns()).hasSize(4));
      assertThat(api.batches().all()).hasSize(4).allSatisfy(b -> assertThat(b.status()).isEqualTo("validating"));
      List<Path> open = runFolders(dir.resolve("batches"));
      assertThat(open).hasSize(4).allSatisfy(run -> {
        assertThat(run.resolve("reve-batch.json")).exists();
        assertThat(run.resolve(BatchAnswers.MANIFEST)).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve(BatchAnswers.MANIFEST))))
            .isEqualTo("rw-------");
      });
      assertThat(Files.exists(dir.resolve("cache"))).isFalse();
      int uploads = api.requests().received(Requests.to("POST", "files")).size();
      int creates = api.requests().received(Requests.to("POST", "batches")).size();

      // a rerun while they are still open also waits and stops, sending nothing new
      assertThatThrownBy(() -> Comparison.run(client, options("cache", true, Duration.ofMinutes(1)).build()))
          .isInstanceOf(BatchPendingException.class);
      assertThat(api.requests().received(Requests.to("POST", "batches"))).hasSize(creates);

      api.batches().all().stream().map(StoredBatch::id).forEach(id -> api.batches().complete(id));
      ComparisonResult result = Comparison.run(client, options("cache", true, Duration.ofMinutes(1)).build());

      assertThat(result.answers()).hasSize(12).noneMatch(s -> s.answer().failed());
      assertThat(result.freshCalls()).isEqualTo(12);
      assertThat(api.batches().all()).hasSize(4);
      assertThat(api.requests().received(Requests.to("POST", "files"))).hasSize(uploads);
      assertThat(api.requests().received(Requests.to("POST", "batches"))).hasSize(creates);
      assertThat(answerCalls(api)).isZero();
      assertThat(runFolders(dir.resolve("batches"))).isEmpty();
    }
  }

  @Test
  void aFailedLineIsNotCachedAndTheNextRunSendsOnlyIt() {
    try (OpenAiEmulator api = emulator(true)) {
      OpenAiClient client = api.client();
      // one line of each batch fails: the custom id is <analyst>/<cache key>; fail jung's lines of the base model
      api.batches().failLines(id -> id.startsWith("jung/"), 500, "The server had an error");
      ComparisonResult first = Comparison.run(client, options("cache", true, Duration.ofHours(1)).build());
      assertThat(first.answers()).filteredOn(s -> s.answer().failed()).hasSize(6)
          .allSatisfy(s -> assertThat(s.answer().error().orElseThrow()).contains("batch line failed", "500"));
      assertThat(api.batches().all()).hasSize(4);

      api.batches().clearLineFaults();
      ComparisonResult second = Comparison.run(client, options("cache", true, Duration.ofHours(1)).build());
      assertThat(second.answers()).noneMatch(s -> s.answer().failed());
      assertThat(second.freshCalls()).isEqualTo(6);
      // jung's six answers, one batch per candidate
      assertThat(api.batches().all()).hasSize(6);
      assertThat(api.batches().all().subList(4, 6)).allSatisfy(b -> assertThat(b.total()).isEqualTo(3));
    }
  }

  @Test
  void aRunStoppedBetweenUploadAndBatchCreatesEachBatchOnceWhenRunAgain() throws Exception {
    try (OpenAiEmulator api = emulator(true)) {
      OpenAiClient client = api.client();
      // a folder an earlier run left before sending anything (a manifest, no state file) goes away
      Path leftover = dir.resolve("batches/run-0000000000000000");
      Files.createDirectories(leftover);
      Files.writeString(leftover.resolve(BatchAnswers.MANIFEST), "{\"format\": \"reve-compare-batch-1\", \"candidate\":"
          + " \"base\", \"sample\": 1, \"analyst\": \"jung\", \"model\": \"" + BASE + "\", \"lines\": {}}");

      FaultHandle refuse = api.faults().inject(FaultSpec.on(Requests.to("POST", "batches"))
          .respond(Replies.error(400, "Simulated refusal", "invalid_request_error", null)));
      assertThatThrownBy(() -> Comparison.run(client, options("cache", true, Duration.ofHours(1)).build()))
          .hasMessageContaining("Simulated refusal");
      assertThat(leftover).doesNotExist();
      // the first run's file went up, its batch was refused: its state names the upload only
      assertThat(api.files().all()).hasSize(1);
      assertThat(api.batches().all()).isEmpty();
      refuse.cancel();

      ComparisonResult result = Comparison.run(client, options("cache", true, Duration.ofHours(1)).build());
      assertThat(result.answers()).hasSize(12).noneMatch(s -> s.answer().failed());
      // four uploads and four batches in all: the first file was not uploaded again
      assertThat(api.files().all()).filteredOn(f -> f.purpose().equals("batch")).hasSize(4);
      assertThat(api.requests().received(Requests.to("POST", "files"))).hasSize(4);
      assertThat(api.batches().all()).hasSize(4);
      assertThat(answerCalls(api)).isZero();
      assertThat(runFolders(dir.resolve("batches"))).isEmpty();
    }
  }

  @Test
  void cacheEntriesWrittenBeforeTheTierExistedAreReadAsAnswersAskedAlone() throws Exception {
    try (OpenAiEmulator api = emulator(true)) {
      OpenAiClient client = api.client();
      Comparison.run(client, options("cache", false, Duration.ofHours(1)).judge(null).build());
      List<Path> entries;
      try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
        entries = files.filter(p -> p.getFileName().toString().startsWith("a-")).toList();
      }
      assertThat(entries).hasSize(12);
      for (Path entry : entries) {
        Map<String, Object> answer = json(entry);
        assertThat(answer).containsKey("tier");
        answer.remove("tier");
        answer.remove("cachedPromptTokens");
        Files.writeString(entry, Json.MOSHI.adapter(Object.class).toJson(answer));
      }
      int sent = api.requests().received().size();

      ComparisonResult again = Comparison.run(client, options("cache", true, Duration.ofHours(1)).judge(null).build());
      assertThat(again.freshCalls()).isZero();
      assertThat(again.answers()).allSatisfy(s -> {
        assertThat(s.answer().tier()).isEqualTo(PriceTier.STANDARD);
        assertThat(s.costUsd()).isPresent();
      });
      assertThat(api.requests().received()).hasSize(sent);
    }
  }
}
