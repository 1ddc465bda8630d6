package dev.reve.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.run.AnalystDataset;
import dev.reve.finetune.run.AnalystRun;
import dev.reve.finetune.run.FineTuneRun;
import dev.reve.finetune.run.RunState;
import dev.reve.finetune.run.StateFile;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.OpenAiException;
import dev.reve.testkit.VirtualTime;
import dev.reve.testkit.AnswerLoss;
import dev.reve.testkit.EmulatedRequest;
import dev.reve.testkit.FaultHandle;
import dev.reve.testkit.FaultSpec;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.Requests;
import dev.reve.testkit.StoredFile;
import dev.reve.testkit.StoredJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable fine-tuning run for two analysts with a fault at each of its steps, once and
 * persistently, with the client's ordinary retries. After every failed run the state file must
 * be readable and name only files and jobs that exist; after rerunning, each analyst has exactly
 * one uploaded file and one job.
 */
class RunUnderFaultsTest {
  private final VirtualTime time = new VirtualTime(Instant.parse("2026-03-01T09:00:00Z"));
  private OpenAiEmulator fake;
  private FaultHandle injected;
  private OpenAiClient client;
  private List<AnalystDataset> datasets;
  private Path state;
  @TempDir Path dir;

  /** A step of the run, and the requests that make it. */
  enum Step {
    FIND_UPLOAD("look for an earlier upload", Requests.to("GET", "files")),
    UPLOAD("upload", Requests.to("POST", "files")),
    FIND_JOB("look for an earlier job", Requests.to("GET", "fine_tuning/jobs")),
    CREATE_JOB("create the job", Requests.to("POST", "fine_tuning/jobs"));

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
  void start() throws Exception {
    fake = OpenAiEmulator.start();
    client = FaultMatrixTest.client(fake.server(), time, time).build();
    state = dir.resolve("reve-finetune.json");
    datasets = List.of(AnalystDataset.of("jung", training("jung")), AnalystDataset.of("freud", training("freud")));
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private Path training(String analyst) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      text.append("{\"messages\":[{\"role\":\"user\",\"content\":\"")
          .append(analyst).append(" dream ").append(i)
          .append("\"},{\"role\":\"assistant\",\"content\":\"an answer\"}]}\n");
    }
    return Files.writeString(dir.resolve(analyst + ".jsonl"), text, StandardCharsets.UTF_8);
  }

  /**
   * One fault of each kind that matters to a run: the answer lost after the server acted (retried
   * or not), or the request refused before it acted (retried or not).
   */
  static final List<Fault> FAULTS =
      List.of(
          Fault.RESET_BEFORE_RESPONSE,
          Fault.RESET_MID_BODY,
          Fault.HTTP_504,
          Fault.READ_TIMEOUT,
          Fault.MALFORMED_JSON,
          Fault.HTTP_503,
          Fault.RETRY_AFTER_SECONDS,
          Fault.INSUFFICIENT_QUOTA);

  /** Whether a fault leaves the work done on the server: the answer is lost, not the request. */
  static boolean losesAnswer(Fault fault) {
    return switch (fault) {
      case RESET_BEFORE_RESPONSE, RESET_MID_BODY, HTTP_502_HTML, HTTP_504, READ_TIMEOUT, MALFORMED_JSON -> true;
      default -> false;
    };
  }

  /**
   * The server made the file or the job but the answer was lost: a blind resend would leave a
   * second file or a second (billed) job, so the run must look for the result first.
   */
  static boolean answerLostAfterTheServerActed(Step step, Fault fault) {
    return (step == Step.UPLOAD || step == Step.CREATE_JOB)
        && losesAnswer(fault)
        && fault.retried(CallType.JOB_CREATE);
  }

  /**
   * After {@code skip} requests of {@code step}, the next {@code times} meet {@code fault}: a fault
   * that loses the answer lets the emulator store the file or create the job first, then breaks
   * the answer (a reset in the middle of the body cuts the real answer); any other answers in
   * place of the work. Responses are built when each request arrives.
   */
  private FaultHandle inject(Step step, int skip, Fault fault, int times) {
    FaultSpec spec = FaultSpec.on(step.requests).skip(skip).times(times);
    if (!losesAnswer(fault)) {
      return fake.faults().inject(spec.respond(r -> fault.response(CallType.JOB_RETRIEVE, "x", time)));
    }
    AnswerLoss loss = fault == Fault.RESET_MID_BODY
        ? AnswerLoss.CUT_MID_BODY
        : (request, answer) -> fault.response(CallType.JOB_RETRIEVE, "x", time);
    return fake.faults().inject(spec.afterActing(loss));
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Step step : Step.values()) {
      for (Fault fault : FAULTS) {
        for (FaultMatrixTest.Persistence persistence : FaultMatrixTest.Persistence.values()) {
          cases.add(Arguments.of(step, fault, persistence));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} / {1} / {2}")
  @MethodSource("cases")
  void noDuplicatesAndAConsistentStateFile(Step step, Fault fault, FaultMatrixTest.Persistence persistence) {
    runUntilDone(step, fault, persistence);
  }

  private void runUntilDone(Step step, Fault fault, FaultMatrixTest.Persistence persistence) {
    // jung's steps go through; freud's step meets the fault.
    injected = inject(step, 1, fault, persistence.faultyAttempts);

    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          List<String> failures = new ArrayList<>();
          for (int run = 1; run <= 3; run++) {
            try {
              newRun().start(datasets);
              break;
            } catch (OpenAiException e) {
              failures.add(e.getClass().getSimpleName());
              assertConsistent(new StateFile(state).load());
              injected.cancel();
            }
          }
          RunState done = new StateFile(state).load();
          assertConsistent(done);
          assertThat(injected.served()).as("faults served").isPositive();
          assertThat(fake.files().all()).as("files on the server (failed runs: %s)", failures).hasSize(2);
          assertThat(fake.jobs().all()).as("jobs on the server (failed runs: %s)", failures).hasSize(2);
          for (String analyst : List.of("jung", "freud")) {
            AnalystRun entry = done.analyst(analyst).orElseThrow();
            assertThat(entry.training().fileId()).as(analyst + "'s file").isPresent();
            assertThat(entry.jobId()).as(analyst + "'s job").isPresent();
          }
        });
  }

  private FineTuneRun newRun() {
    return FineTuneRun.builder(FineTuningService.builder(client).sleeper(time).clock(time).build())
        .stateFile(state)
        .clock(time)
        .build();
  }

  /** Every id the state file names exists on the server, and each job trains the recorded file. */
  private void assertConsistent(RunState recorded) {
    List<String> fileIds = fake.files().all().stream().map(StoredFile::id).toList();
    for (AnalystRun entry : recorded.analysts().values()) {
      entry.training().fileId().ifPresent(id -> assertThat(fileIds).as("file recorded for " + entry.analyst()).contains(id));
      entry.jobId().ifPresent(
          id -> {
            StoredJob job =
                fake.jobs().all().stream().filter(j -> j.id().equals(id)).findFirst().orElse(null);
            assertThat(job).as("job recorded for " + entry.analyst()).isNotNull();
            assertThat(entry.training().fileId()).contains(job.trainingFile());
            assertThat(job.metadata()).containsEntry(FineTuneRun.ANALYST_KEY, entry.analyst());
          });
      entry.training().uploadName().ifPresent(
          name -> assertThat(fake.files().all()).anyMatch(f -> f.filename().equals(name)));
    }
  }
}
