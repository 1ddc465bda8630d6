package dev.reve.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchPart;
import dev.reve.analysis.batch.BatchResult;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.analysis.batch.DreamRecord;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.OpenAiException;
import dev.reve.testkit.AnswerLoss;
import dev.reve.testkit.EmulatedRequest;
import dev.reve.testkit.FaultHandle;
import dev.reve.testkit.FaultSpec;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.Requests;
import dev.reve.testkit.StoredBatch;
import dev.reve.testkit.StoredFile;
import dev.reve.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A batch analysis of two parts with a fault at each step of submitting, polling and collecting,
 * once and persistently, with the client's ordinary retries. After every failed run the state file
 * must name only files and batches that exist; after rerunning, each part has exactly one upload
 * and one batch, and every dream and analyst exactly one analysis.
 */
class BatchRunUnderFaultsTest {
  private final VirtualTime time = new VirtualTime(Instant.parse("2026-03-01T09:00:00Z"));
  private OpenAiEmulator fake;
  private OpenAiClient client;
  private DreamAnalysts analysts;
  private FaultHandle injected;
  @TempDir Path dir;

  /** A step of the run, and the requests that make it. */
  enum Step {
    FIND_UPLOAD("look for an earlier upload", Requests.to("GET", "files")),
    UPLOAD("upload", Requests.to("POST", "files")),
    FIND_BATCH("look for an earlier batch", Requests.to("GET", "batches")),
    CREATE_BATCH("create the batch", Requests.to("POST", "batches")),
    RETRIEVE("poll the batch", r -> r.method().equals("GET") && r.path().startsWith("batches/")),
    DOWNLOAD("download the output", r -> r.method().equals("GET") && r.path().endsWith("/content"));

    final String description;
    final Predicate<EmulatedRequest> requests;

    Step(String description, Predicate<EmulatedRequest> requests) {
      this.description = description;
      this.requests = requests;
    }

    @Override
    public String toString() {
      return description;
    }
  }

  @BeforeEach
  void start() {
    fake = OpenAiEmulator.start();
    client = FaultMatrixTest.client(fake.server(), time, time).build();
    analysts = DreamAnalysts.builder(client).resolver(ModelResolver.isolated()).checkShutdownDates(false).build();
  }

  @AfterEach
  void stop() {
    analysts.close();
    client.close();
    fake.close();
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Step step : Step.values()) {
      for (Fault fault : RunUnderFaultsTest.FAULTS) {
        for (FaultMatrixTest.Persistence persistence : FaultMatrixTest.Persistence.values()) {
          cases.add(Arguments.of(step, fault, persistence));
        }
      }
    }
    return cases.stream();
  }

  private FaultHandle inject(Step step, int skip, Fault fault, int times) {
    FaultSpec spec = FaultSpec.on(step.requests).skip(skip).times(times);
    if (!RunUnderFaultsTest.losesAnswer(fault)) {
      return fake.faults().inject(spec.respond(r -> fault.response(CallType.JOB_RETRIEVE, "x", time)));
    }
    AnswerLoss loss = fault == Fault.RESET_MID_BODY
        ? AnswerLoss.CUT_MID_BODY
        : (request, answer) -> fault.response(CallType.JOB_RETRIEVE, "x", time);
    return fake.faults().inject(spec.afterActing(loss));
  }

  private BatchAnalysis run() {
    return BatchAnalysis.builder(analysts, dir.resolve("run")).maxRequestsPerBatch(2).sleeper(time).clock(time).build();
  }

  private static List<DreamRecord> dreams() {
    return List.of(new DreamRecord("d1", Dream.of("I lost my keys in the sea.")),
        new DreamRecord("d2", Dream.of("My teeth fell out at a wedding.")));
  }

  @ParameterizedTest(name = "{0} / {1} / {2}")
  @MethodSource("cases")
  void noDuplicateBatchAndAConsistentStateFile(Step step, Fault fault, FaultMatrixTest.Persistence persistence) {
    // The first part's step goes through; the second part's meets the fault.
    injected = inject(step, 1, fault, persistence.faultyAttempts);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      List<String> failures = new ArrayList<>();
      List<BatchResult> results = new ArrayList<>();
      for (int attempt = 1; attempt <= 3; attempt++) {
        results.clear();
        try {
          BatchAnalysis run = run();
          run.submit(dreams().iterator());
          run.waitFor(Duration.ofSeconds(10), Duration.ofHours(1));
          run.collect(results::add);
          break;
        } catch (OpenAiException | java.io.UncheckedIOException e) {
          failures.add(e.getClass().getSimpleName());
          run().state().ifPresent(this::assertConsistent);
          injected.cancel();
        }
      }
      BatchRunState done = run().state().orElseThrow();
      assertConsistent(done);
      assertThat(injected.served()).as("faults served").isPositive();
      assertThat(fake.files().all().stream().filter(f -> f.purpose().equals("batch")))
          .as("uploads (failed runs: %s)", failures).hasSize(2);
      assertThat(fake.batches().all()).as("batches (failed runs: %s)", failures).hasSize(2);
      assertThat(done.parts()).hasSize(2).allMatch(BatchPart::finished);
      assertThat(results).as("results (failed runs: %s)", failures).hasSize(4).allMatch(BatchResult::succeeded);
      assertThat(results).extracting(r -> r.analystId() + "/" + r.dreamId()).doesNotHaveDuplicates();
    });
  }

  /** Every id the state file names exists on the server, and each batch reads the recorded file. */
  private void assertConsistent(BatchRunState recorded) {
    List<String> fileIds = fake.files().all().stream().map(StoredFile::id).toList();
    for (BatchPart part : recorded.parts()) {
      part.fileId().ifPresent(id -> assertThat(fileIds).as("file of " + part.id()).contains(id));
      part.batchId().ifPresent(id -> {
        StoredBatch batch = fake.batches().find(id).orElse(null);
        assertThat(batch).as("batch of " + part.id()).isNotNull();
        assertThat(part.fileId()).contains(batch.inputFileId());
        assertThat(batch.metadata()).containsEntry("reve_part", part.id())
            .containsEntry("reve_run", recorded.runId());
      });
    }
  }
}
