package dev.reve.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.ProviderKind;
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
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable fine-tuning run for two analysts, on OpenAI and on Together AI, with a fault at each
 * of its steps, once and persistently, with the client's ordinary retries. After every failed run the state file must
 * be readable and name only files and jobs that exist; after rerunning, each analyst has exactly
 * one uploaded file and one job.
 */
class RunUnderFaultsTest {
  static final String TOGETHER_BASE_MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";

  private final VirtualTime time = new VirtualTime(Instant.parse("2026-03-01T09:00:00Z"));
  private OpenAiEmulator fake;
  private FaultHandle injected;
  private OpenAiClient client;
  private List<AnalystDataset> datasets;
  private Path state;
  @TempDir Path dir;

  /** A step of the run, and the requests that make it on each provider (none: not a step there). */
  enum Step {
    FIND_UPLOAD("look for an earlier upload", Requests.to("GET", "files"), Requests.to("GET", "files")),
    UPLOAD("upload", Requests.to("POST", "files"), Requests.to("POST", "files/upload")),
    FIND_JOB("look for an earlier job", Requests.to("GET", "fine_tuning/jobs"), Requests.to("GET", "fine-tunes")),
    ESTIMATE_PRICE("price estimate (Together only)", null, Requests.to("POST", "fine-tunes/estimate-price")),
    CREATE_JOB("create the job", Requests.to("POST", "fine_tuning/jobs"), Requests.to("POST", "fine-tunes"));

    final String description;
    private final Predicate<EmulatedRequest> openAi;
    private final Predicate<EmulatedRequest> together;

    Step(String description, Predicate<EmulatedRequest> openAi, Predicate<EmulatedRequest> together) {
      this.description = description;
      this.openAi = openAi;
      this.together = together;
    }

    /** The requests of this step on {@code provider}; empty where the provider has no such step. */
    Optional<Predicate<EmulatedRequest>> requests(ProviderKind provider) {
      return Optional.ofNullable(provider == ProviderKind.TOGETHER ? together : openAi);
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /** The providers a run is put through: OpenAI's dialect (Azure and compatible trainers share it) and Together's. */
  static final List<ProviderKind> PROVIDERS = List.of(ProviderKind.OPENAI, ProviderKind.TOGETHER);

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
  private FaultHandle inject(ProviderKind provider, Step step, int skip, Fault fault, int times) {
    FaultSpec spec = FaultSpec.on(step.requests(provider).orElseThrow()).skip(skip).times(times);
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
    for (ProviderKind provider : PROVIDERS) {
      for (Step step : Step.values()) {
        if (step.requests(provider).isEmpty()) {
          continue;
        }
        for (Fault fault : FAULTS) {
          for (FaultMatrixTest.Persistence persistence : FaultMatrixTest.Persistence.values()) {
            cases.add(Arguments.of(provider, step, fault, persistence));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} / {1} / {2} / {3}")
  @MethodSource("cases")
  void noDuplicatesAndAConsistentStateFile(
      ProviderKind provider, Step step, Fault fault, FaultMatrixTest.Persistence persistence) {
    runUntilDone(provider, step, fault, persistence);
  }

  private void runUntilDone(
      ProviderKind provider, Step step, Fault fault, FaultMatrixTest.Persistence persistence) {
    // jung's steps go through; freud's step meets the fault.
    injected = inject(provider, step, 1, fault, persistence.faultyAttempts);

    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          List<String> failures = new ArrayList<>();
          for (int run = 1; run <= 3; run++) {
            try {
              newRun(provider).start(datasets);
              break;
            } catch (OpenAiException e) {
              failures.add(e.getClass().getSimpleName());
              assertConsistent(provider, new StateFile(state).load());
              injected.cancel();
            }
          }
          RunState done = new StateFile(state).load();
          assertConsistent(provider, done);
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

  private FineTuneRun newRun(ProviderKind provider) {
    FineTuningService service = FineTuningService.builder(client)
        .provider(FineTuningProvider.of(provider, client.baseUrl().toString()))
        .sleeper(time)
        .clock(time)
        .build();
    FineTuneRun.Builder run = FineTuneRun.builder(service).stateFile(state).clock(time);
    if (provider == ProviderKind.TOGETHER) {
      run.baseModel(TOGETHER_BASE_MODEL);
    }
    return run.build();
  }

  /**
   * Every id the state file names exists on the server, and each job trains the recorded file and
   * (where jobs keep metadata) names its analyst.
   */
  private void assertConsistent(ProviderKind provider, RunState recorded) {
    List<String> fileIds = fake.files().all().stream().map(StoredFile::id).toList();
    for (AnalystRun entry : recorded.analysts().values()) {
      entry.training().fileId().ifPresent(id -> assertThat(fileIds).as("file recorded for " + entry.analyst()).contains(id));
      entry.jobId().ifPresent(
          id -> {
            StoredJob job =
                fake.jobs().all().stream().filter(j -> j.id().equals(id)).findFirst().orElse(null);
            assertThat(job).as("job recorded for " + entry.analyst()).isNotNull();
            assertThat(entry.training().fileId()).contains(job.trainingFile());
            if (provider.jobsCarryMetadata()) {
              assertThat(job.metadata()).containsEntry(FineTuneRun.ANALYST_KEY, entry.analyst());
            }
            assertThat(entry.job().orElseThrow().providerKind()).isEqualTo(provider);
          });
      entry.training().uploadName().ifPresent(
          name -> assertThat(fake.files().all()).anyMatch(f -> f.filename().equals(name)));
    }
  }
}
