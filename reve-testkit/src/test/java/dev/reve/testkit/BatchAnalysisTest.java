package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.analysis.AnalysisStatus;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchPart;
import dev.reve.analysis.batch.BatchResult;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.analysis.batch.DreamRecord;
import dev.reve.analysis.batch.InvalidDreamFileException;
import dev.reve.openai.batches.BatchInputLine;
import dev.reve.openai.batches.BatchStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analysis in batches, end to end against the emulator's /batches and /files. */
class BatchAnalysisTest {
  private static final String BASE = ModelResolver.DEFAULT_BASE_MODEL;

  // Polling waits on virtual time, never real time.
  private final VirtualTime time = new VirtualTime();
  @TempDir Path dir;

  private static List<DreamRecord> dreams(int n) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(i -> new DreamRecord("d" + i, Dream.builder("Dream number " + i + ": I was on a train that"
            + " never stopped.").title("Train " + i).build()))
        .toList();
  }

  private static DreamAnalysts analysts(OpenAiEmulator api, ModelResolver resolver) {
    return DreamAnalysts.builder(api.client()).resolver(resolver).checkShutdownDates(false).build();
  }

  private static ModelResolver freudOnOtherModel() {
    return ModelResolver.builder().isolated().model("freud", "gpt-4.1-mini").build();
  }

  private List<BatchResult> collect(BatchAnalysis run) {
    List<BatchResult> results = new ArrayList<>();
    run.collect(results::add);
    return results;
  }

  @Test
  void linesAreWhatASingleAnalysisSendsGroupedByModelAndSplitWithinTheLimit() throws IOException {
    try (OpenAiEmulator api = OpenAiEmulator.start(); DreamAnalysts analysts = analysts(api, freudOnOtherModel())) {
      // the default base model has no published price in the capabilities table: give it one
      dev.reve.openai.models.ModelCatalog priced = dev.reve.openai.models.ModelCatalog.builtIn().toBuilder()
          .put(dev.reve.openai.models.ModelCatalog.builtIn().capabilities(BASE).withPrice(
              dev.reve.openai.models.TokenPrice.of("2", "8"), new java.math.BigDecimal("0.5")))
          .build();
      BatchAnalysis run = BatchAnalysis.builder(analysts, dir.resolve("run")).sleeper(time).clock(time).maxRequestsPerBatch(2)
          .prices(priced)
          .build();
      BatchRunState state = run.submit(dreams(3).iterator());

      // jung on the base model and freud on gpt-4.1-mini: 3 lines each, 2 to a batch.
      assertThat(state.parts()).extracting(BatchPart::model)
          .containsExactlyInAnyOrder(BASE, BASE, "gpt-4.1-mini", "gpt-4.1-mini");
      assertThat(state.parts()).extracting(BatchPart::lines).containsExactlyInAnyOrder(2L, 1L, 2L, 1L);
      assertThat(api.batches().all()).hasSize(4);
      assertThat(api.files().all()).extracting(StoredFile::purpose).containsOnly("batch");
      assertThat(state.estimate().orElseThrow().requests()).isEqualTo(6);
      assertThat(state.estimate().orElseThrow().usd()).hasValueSatisfying(usd -> assertThat(usd).isPositive());

      // The line body for jung's first dream is byte for byte the body a single analysis sends.
      analysts.analyst("jung").analyze(dreams(1).get(0).dream());
      String single = api.chat().requests().get(0).body();
      String firstLine = api.files().all().stream()
          .flatMap(f -> f.text().lines())
          .map(l -> BatchInputLine.parse(l, 1))
          .filter(l -> l.customId().equals("jung/d1"))
          .findFirst().orElseThrow().toJson();
      assertThat(firstLine).contains(single);

      Path stateFile = run.stateFile();
      assertThat(Files.getPosixFilePermissions(stateFile))
          .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertThat(Files.readString(stateFile)).doesNotContain(api.apiKey());

      BatchRunState done = run.waitFor(Duration.ofSeconds(30), Duration.ofHours(24));
      assertThat(done.parts()).allMatch(p -> p.state() == BatchStatus.COMPLETED);
      List<BatchResult> results = collect(run);
      assertThat(results).hasSize(6).allMatch(BatchResult::succeeded);
      assertThat(results).extracting(r -> r.analystId() + "/" + r.dreamId())
          .containsExactlyInAnyOrder("jung/d1", "jung/d2", "jung/d3", "freud/d1", "freud/d2", "freud/d3");
      assertThat(results).allSatisfy(r -> {
        assertThat(r.analysis().orElseThrow().status()).isEqualTo(AnalysisStatus.COMPLETE);
        assertThat(r.analysis().orElseThrow().usage().totalTokens()).isPositive();
        assertThat(r.analysis().orElseThrow().requestId()).isPresent();
      });
      assertThat(results.stream().filter(r -> r.analystId().equals("freud")))
          .allMatch(r -> r.analysis().orElseThrow().model().equals("gpt-4.1-mini"));
      // Collecting again gives the same results and downloads nothing again.
      int downloads = api.requests().received(Requests.under("GET", "files")).size();
      assertThat(collect(run)).hasSize(6);
      assertThat(api.requests().received(Requests.under("GET", "files"))).hasSize(downloads);
    }
  }

  @Test
  void anAnalystOnItsOwnServerGetsItsOwnBatchesThere() {
    try (OpenAiEmulator main = OpenAiEmulator.start();
        OpenAiEmulator gpu = OpenAiEmulator.builder().apiKey("sk-gpu-box-0123456789").start()) {
      ModelResolver resolver = ModelResolver.builder().isolated()
          .baseUrl("freud", gpu.baseUrl()).apiKey("freud", "sk-gpu-box-0123456789").build();
      try (DreamAnalysts analysts = analysts(main, resolver)) {
        BatchAnalysis run = BatchAnalysis.builder(analysts, dir).sleeper(time).clock(time).build();
        BatchRunState state = run.submit(dreams(2).iterator());
        assertThat(state.parts()).extracting(BatchPart::endpoint)
            .containsExactlyInAnyOrder(main.baseUrl(), gpu.baseUrl());
        assertThat(main.batches().all()).singleElement().satisfies(b -> assertThat(b.total()).isEqualTo(2));
        assertThat(gpu.batches().all()).singleElement().satisfies(b -> assertThat(b.total()).isEqualTo(2));
        assertThat(gpu.files().all()).singleElement()
            .satisfies(f -> assertThat(f.text()).contains("\"custom_id\":\"freud/d1\"").doesNotContain("jung/"));
        assertThat(gpu.requests().all()).allSatisfy(r ->
            assertThat(r.request().headers().get("Authorization")).isEqualTo("Bearer sk-gpu-box-0123456789"));
        run.waitFor(Duration.ofSeconds(1), Duration.ofHours(1));
        assertThat(collect(run)).hasSize(4).allMatch(BatchResult::succeeded);
      }
    }
  }

  @Test
  void truncationAndRefusalReadAsForASingleCall() {
    try (OpenAiEmulator api = OpenAiEmulator.start(); DreamAnalysts analysts = analysts(api, freudOnOtherModel())) {
      api.chat().respondWith(BASE, ChatResponder.always(ChatReply.truncated("It began with a")));
      api.chat().respondWith("gpt-4.1-mini", ChatResponder.always(ChatReply.refusal("I can't help with that.")));
      BatchAnalysis run = BatchAnalysis.builder(analysts, dir).sleeper(time).clock(time).build();
      run.submitAsync(dreams(1).iterator()).join();
      run.waitForAsync(Duration.ofSeconds(1), Duration.ofHours(1)).join();
      List<BatchResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
      run.collectAsync(results::add).join();
      Map<String, AnalysisStatus> status = results.stream()
          .collect(Collectors.toMap(BatchResult::analystId, r -> r.analysis().orElseThrow().status()));
      assertThat(status).containsEntry("jung", AnalysisStatus.TRUNCATED).containsEntry("freud", AnalysisStatus.REFUSED);
    }
  }

  @Test
  void failedLinesAreReportedAndResubmittedAlone() {
    try (OpenAiEmulator api = OpenAiEmulator.start(); DreamAnalysts analysts = analysts(api, ModelResolver.isolated())) {
      api.batches().failLines(id -> id.endsWith("/d2"), 500, "The server had an error processing this line.");
      BatchAnalysis run = BatchAnalysis.builder(analysts, dir).sleeper(time).clock(time).build();
      run.submit(dreams(3).iterator());
      run.waitFor(Duration.ofSeconds(1), Duration.ofHours(1));
      List<BatchResult> first = collect(run);
      assertThat(first).filteredOn(r -> !r.succeeded()).extracting(r -> r.analystId() + "/" + r.dreamId())
          .containsExactlyInAnyOrder("jung/d2", "freud/d2");
      assertThat(first).filteredOn(r -> !r.succeeded())
          .allSatisfy(r -> assertThat(r.error().orElseThrow()).contains("HTTP 500").contains("error processing"));

      api.batches().clearLineFaults();
      List<BatchPart> again = run.resubmitFailed();
      assertThat(again).singleElement().satisfies(p -> {
        assertThat(p.lines()).isEqualTo(2);
        assertThat(p.retryOf()).hasValue("p1");
      });
      String retryInput = api.files().find(again.get(0).fileId().orElseThrow()).orElseThrow().text();
      assertThat(retryInput.lines()).hasSize(2).allMatch(l -> l.contains("/d2\""));
      run.waitFor(Duration.ofSeconds(1), Duration.ofHours(1));
      List<BatchResult> results = collect(run);
      assertThat(results).hasSize(6).allMatch(BatchResult::succeeded);
      assertThat(run.resubmitFailed()).isEmpty();
    }
  }

  @Test
  void anExpiredBatchKeepsItsCompletedPartAndTheRestIsSentAgain() {
    try (OpenAiEmulator api = OpenAiEmulator.builder().advanceBatchesOnRetrieve(false).start();
        DreamAnalysts analysts = analysts(api, ModelResolver.isolated())) {
      BatchAnalysis run = BatchAnalysis.builder(analysts, dir).sleeper(time).clock(time).build();
      run.submit(dreams(3).iterator());
      String batchId = api.batches().all().get(0).id();
      api.batches().expire(batchId, 4);
      assertThat(run.refresh().parts().get(0).state()).isEqualTo(BatchStatus.EXPIRED);
      List<BatchResult> partial = collect(run);
      assertThat(partial).filteredOn(BatchResult::succeeded).hasSize(4);
      assertThat(partial).filteredOn(r -> !r.succeeded()).hasSize(2)
          .allSatisfy(r -> assertThat(r.error().orElseThrow()).contains("batch_expired"));

      BatchPart retry = run.resubmitFailed().get(0);
      assertThat(retry.lines()).isEqualTo(2);
      api.batches().complete(retry.batchId().orElseThrow());
      run.refresh();
      List<BatchResult> results = collect(run);
      assertThat(results).hasSize(6).allMatch(BatchResult::succeeded);
    }
  }

  @Test
  void aCancelledBatchReportsItsLinesAsNotRun() {
    try (OpenAiEmulator api = OpenAiEmulator.builder().advanceBatchesOnRetrieve(false).start();
        DreamAnalysts analysts = analysts(api, ModelResolver.isolated())) {
      BatchAnalysis run = BatchAnalysis.builder(analysts, dir).sleeper(time).clock(time).build();
      run.submit(dreams(2).iterator());
      assertThat(run.cancel().parts().get(0).state()).isEqualTo(BatchStatus.CANCELLING);
      api.batches().advance(api.batches().all().get(0).id());
      assertThat(run.refresh().parts().get(0).state()).isEqualTo(BatchStatus.CANCELLED);
      List<BatchResult> results = collect(run);
      assertThat(results).hasSize(4).noneMatch(BatchResult::succeeded)
          .allSatisfy(r -> assertThat(r.error().orElseThrow()).contains("cancelled before this line ran"));
      assertThat(results).allMatch(BatchResult::resubmit);
    }
  }

  @Test
  void aLostCreateAnswerIsFoundByMetadataAndNoSecondBatchIsMade() {
    try (OpenAiEmulator api = OpenAiEmulator.start(); DreamAnalysts analysts = analysts(api, ModelResolver.isolated())) {
      api.faults().inject(FaultSpec.on(Requests.to("POST", "batches")).times(1).afterActing(AnswerLoss.DROP_CONNECTION));
      api.faults().inject(FaultSpec.on(Requests.to("POST", "files")).times(1).afterActing(AnswerLoss.DROP_CONNECTION));
      BatchAnalysis run = BatchAnalysis.builder(analysts, dir).sleeper(time).clock(time).build();
      BatchRunState state = run.submit(dreams(2).iterator());
      assertThat(api.batches().all()).hasSize(1);
      assertThat(api.files().all()).hasSize(1);
      assertThat(state.parts().get(0).batchId()).hasValue(api.batches().all().get(0).id());
      assertThat(api.batches().all().get(0).metadata()).containsKeys("reve_run", "reve_part", "reve_sha256");
    }
  }

  @Test
  void aRunStoppedAfterTheUploadResumesWithoutASecondUploadOrBatch() {
    try (OpenAiEmulator api = OpenAiEmulator.start(); DreamAnalysts analysts = analysts(api, ModelResolver.isolated())) {
      FaultHandle refuse = api.faults().inject(FaultSpec.on(Requests.to("POST", "batches"))
          .respond(Replies.error(400, "Simulated refusal", "invalid_request_error", null)));
      BatchAnalysis run = BatchAnalysis.builder(analysts, dir).sleeper(time).clock(time).build();
      assertThatThrownBy(() -> run.submit(dreams(2).iterator())).hasMessageContaining("Simulated refusal");
      BatchPart recorded = run.state().orElseThrow().parts().get(0);
      assertThat(recorded.fileId()).isPresent();
      assertThat(recorded.batchId()).isEmpty();
      refuse.cancel();

      BatchRunState state = run.submit(dreams(2).iterator());
      assertThat(api.files().all()).hasSize(1);
      assertThat(api.batches().all()).hasSize(1);
      assertThat(state.parts().get(0).batchId()).isPresent();
      // A third run finds everything done and sends nothing.
      int before = api.requests().all().size();
      run.submit(dreams(2).iterator());
      assertThat(api.requests().received(Requests.to("POST", "batches"))).hasSize(2);
      assertThat(api.requests().all().size()).isEqualTo(before);
    }
  }

  @Test
  void aBadLineInTheDreamsFileIsNamedAndNothingIsSent() throws IOException {
    Path file = dir.resolve("dreams.jsonl");
    Files.writeString(file, "{\"id\":\"a\",\"content\":\"I flew.\"}\n\n{\"id\":\"b\",\"content\":\"   \"}\n",
        StandardCharsets.UTF_8);
    try (OpenAiEmulator api = OpenAiEmulator.start(); DreamAnalysts analysts = analysts(api, ModelResolver.isolated())) {
      BatchAnalysis run = BatchAnalysis.builder(analysts, dir.resolve("run")).sleeper(time).clock(time).build();
      assertThatThrownBy(() -> run.submit(file))
          .isInstanceOf(InvalidDreamFileException.class)
          .hasMessageContaining("line 3")
          .hasMessageContaining("empty");
      assertThat(api.requests().all()).isEmpty();
      assertThat(run.state()).isEmpty();
    }
  }

  @Test
  void anotherProcessHoldingTheRunIsRefused() throws Exception {
    try (OpenAiEmulator api = OpenAiEmulator.start(); DreamAnalysts analysts = analysts(api, ModelResolver.isolated())) {
      BatchAnalysis run = BatchAnalysis.builder(analysts, dir).sleeper(time).clock(time).build();
      run.submit(dreams(1).iterator());
      BatchAnalysis other = BatchAnalysis.builder(analysts, dir).sleeper(time).clock(time).analysts(List.of("jung")).build();
      assertThatThrownBy(() -> other.submit(dreams(1).iterator()))
          .hasMessageContaining("records a run for analysts [jung, freud]");
      assertThat(Set.copyOf(api.batches().all())).hasSize(1);
    }
  }
}
