package dev.reve.finetune.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.FineTuningUnavailableException;
import dev.reve.finetune.TestClients;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.InternalServerException;
import dev.reve.testkit.VirtualTime;
import dev.reve.testkit.AnswerLoss;
import dev.reve.testkit.EmulatedRequest;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import dev.reve.testkit.Replies;
import dev.reve.testkit.Requests;
import dev.reve.testkit.StoredJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FineTuneRunTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  private OpenAiEmulator fake;
  private final VirtualTime time = TestClients.time();
  private FineTuningService service;
  @TempDir Path dir;
  private Path state;
  private List<AnalystDataset> datasets;

  @BeforeEach
  void start() throws Exception {
    fake = openai.emulator();
    service = TestClients.service(fake, time);
    state = dir.resolve("reve-finetune.json");
    datasets = List.of(
        AnalystDataset.of("jung", write("jung.jsonl", "jung")),
        AnalystDataset.of("freud", write("freud.jsonl", "freud")));
  }

  @AfterEach
  void stop() {
    service.client().close();
  }

  private Path write(String name, String analyst) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      text.append("{\"messages\":[{\"role\":\"system\",\"content\":\"You are ").append(analyst)
          .append("\"},{\"role\":\"user\",\"content\":\"dream ").append(i)
          .append("\"},{\"role\":\"assistant\",\"content\":\"analysis ").append(i).append("\"}]}\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private FineTuneRun.Builder run() {
    return FineTuneRun.builder(service).stateFile(state).clock(time);
  }

  /** Requests about {@code analyst}: its upload (by file name) or its job (by metadata). */
  private static Predicate<EmulatedRequest> about(String analyst) {
    return r -> r.filename().filter(n -> n.startsWith(analyst)).isPresent()
        || analyst.equals(r.metadata().get(FineTuneRun.ANALYST_KEY));
  }

  private static Predicate<EmulatedRequest> upload(String analyst) {
    return Requests.to("POST", "files").and(about(analyst));
  }

  private static Predicate<EmulatedRequest> createJob(String analyst) {
    return Requests.to("POST", "fine_tuning/jobs").and(about(analyst));
  }

  private void assertOneUploadAndOneJobPerAnalyst() {
    for (String analyst : List.of("jung", "freud")) {
      assertThat(fake.requests().applied(upload(analyst))).as("uploads for " + analyst).hasSize(1);
      assertThat(fake.requests().applied(createJob(analyst))).as("jobs created for " + analyst).hasSize(1);
    }
    assertThat(fake.files().all()).hasSize(2);
    assertThat(fake.jobs().all()).hasSize(2);
  }

  /** A run that appends to jung's file when the listener hears {@code step}. */
  private FineTuneRun appendingAt(String step) {
    return run().listener(new RunListener() {
      @Override
      public void onStep(String analyst, String message) {
        if (message.startsWith(step)) {
          try {
            Files.writeString(datasets.get(0).trainingFile(),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"unchecked\"}]}\n",
                java.nio.file.StandardOpenOption.APPEND);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
    }).build();
  }

  @Test
  void aFileAppendedWhileItWasCheckedIsNeitherUploadedNorTrained() {
    assertThatThrownBy(() -> appendingAt("checked jung.jsonl").start(datasets))
        .isInstanceOf(dev.reve.openai.files.FileChangedException.class)
        .hasMessageContaining("jung.jsonl changed after it was checked")
        .hasMessageContaining("nothing was uploaded");

    assertThat(fake.requests().applied(upload("jung"))).isEmpty();
    assertThat(fake.requests().applied(createJob("jung"))).isEmpty();
  }

  @Test
  void aFileAppendedAfterItsCheckIsUploadedThenDeletedAndNoJobIsCreated() {
    assertThatThrownBy(() -> appendingAt("uploading jung.jsonl").start(datasets))
        .isInstanceOf(dev.reve.openai.files.FileChangedException.class)
        .hasMessageContaining("was deleted again");

    assertThat(fake.requests().applied(upload("jung"))).hasSize(1);
    assertThat(fake.requests().applied(createJob("jung"))).isEmpty();
    assertThat(fake.files().all()).isEmpty();
  }

  @Test
  void aFullRunRecordsFilesAndJobsWithTheDataHashInMetadata() {
    List<String> steps = new ArrayList<>();
    RunState result = run().listener(new RunListener() {
      @Override
      public void onStep(String analyst, String message) {
        steps.add(analyst + ": " + message);
      }
    }).build().start(datasets);

    assertOneUploadAndOneJobPerAnalyst();
    AnalystRun jung = result.analyst("jung").orElseThrow();
    assertThat(jung.training().fileId()).isPresent();
    assertThat(jung.jobId()).isPresent();
    assertThat(jung.training().uploadName()).hasValueSatisfying(n -> assertThat(n).matches("jung-[0-9a-f]{12}\\.jsonl"));
    assertThat(jung.training().sha256()).hasSize(64);
    StoredJob job = fake.jobs().all().get(0);
    assertThat(job.metadata())
        .containsEntry("reve_analyst", "jung")
        .containsEntry("reve_sha256", jung.training().sha256())
        .hasEntrySatisfying(FineTuneRun.CONFIG_KEY, c -> assertThat(c).matches("[0-9a-f]{16}"))
        .hasSize(3);
    assertThat(job.model()).isEqualTo(FineTuneRun.DEFAULT_BASE_MODEL);
    // the state on disk is what was returned
    assertThat(new StateFile(state).load()).isEqualTo(result);
    assertThat(steps).anyMatch(s -> s.startsWith("jung: checked jung.jsonl"))
        .anyMatch(s -> s.startsWith("freud: created job ftjob-"));
  }

  @Test
  void rerunAfterSuccessSendsNoUploadOrCreate() {
    run().build().start(datasets);
    int requests = fake.requests().all().size();
    RunState again = run().build().start(datasets);

    assertOneUploadAndOneJobPerAnalyst();
    // Only a look at each recorded job that has not ended, so a failure since is not missed.
    assertThat(fake.requests().all().subList(requests, fake.requests().all().size()))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.method() + " " + e.path()).startsWith("GET fine_tuning/jobs/"));
    assertThat(again.analysts()).hasSize(2);
  }

  private static MockResponse boom() {
    return Replies.json(500, Map.of("error", Map.of("message", "boom")));
  }

  @Test
  void failedUploadIsResumedWithoutDuplicates() {
    // three 500s exhaust the client's two retries on freud's upload
    fake.faults().failNext(upload("freud"), 3, boom());
    assertThatThrownBy(() -> run().build().start(datasets)).isInstanceOf(InternalServerException.class);
    RunState afterFailure = new StateFile(state).load();
    assertThat(afterFailure.analyst("jung").orElseThrow().jobId()).isPresent();
    AnalystRun freud = afterFailure.analyst("freud").orElseThrow();
    assertThat(freud.training().fileId()).isEmpty();
    assertThat(freud.error()).hasValueSatisfying(e -> assertThat(e).contains("boom"));

    RunState resumed = run().build().start(datasets);
    assertOneUploadAndOneJobPerAnalyst();
    assertThat(resumed.analyst("freud").orElseThrow().error()).isEmpty();
  }

  @Test
  void failedJobCreateForTheSecondAnalystIsResumedWithoutDuplicates() {
    fake.faults().failNext(createJob("freud"), 3, boom());
    assertThatThrownBy(() -> run().build().start(datasets)).isInstanceOf(InternalServerException.class);
    RunState afterFailure = new StateFile(state).load();
    assertThat(afterFailure.analyst("jung").orElseThrow().jobId()).isPresent();
    assertThat(afterFailure.analyst("freud").orElseThrow().training().fileId()).isPresent();
    assertThat(afterFailure.analyst("freud").orElseThrow().jobId()).isEmpty();

    run().build().start(datasets);
    assertOneUploadAndOneJobPerAnalyst();
  }

  @Test
  void jobCreatedButAnswerLostIsFoundAgainByTheHashInItsMetadata() {
    // The server makes freud's job but the answer never arrives. Resending blindly would make a
    // second, billed job; the run looks for it by the hash in its metadata instead.
    fake.faults().loseNextAnswers(createJob("freud"), 1, AnswerLoss.DROP_CONNECTION);

    RunState done = run().build().start(datasets);

    assertOneUploadAndOneJobPerAnalyst();
    assertThat(done.analyst("freud").orElseThrow().jobId()).contains(fake.jobs().all().get(1).id());
  }

  @Test
  void aFileThatFailsTheCheckIsNeverUploaded() {
    TrainingFileCheck strict = file -> file.getFileName().toString().startsWith("freud")
        ? TrainingFileCheck.Result.failed("line 3: no assistant message")
        : TrainingFileCheck.Result.passed("12 examples");
    assertThatThrownBy(() -> run().check(strict).build().start(datasets))
        .isInstanceOf(TrainingDataInvalidException.class)
        .hasMessageContaining("freud.jsonl")
        .hasMessageContaining("line 3: no assistant message");
    assertThat(fake.files().all()).hasSize(1);
    AnalystRun freud = new StateFile(state).load().analyst("freud").orElseThrow();
    assertThat(freud.check()).contains("line 3: no assistant message");
    assertThat(freud.training().fileId()).isEmpty();
  }

  @Test
  void refusalIsRecordedAndTyped() {
    fake.faults().failNext(createJob("jung"), 1, Replies.json(403,
        Map.of("error", Map.of("message", "Fine-tuning is not available for new users."))));
    assertThatThrownBy(() -> run().build().start(datasets)).isInstanceOf(FineTuningUnavailableException.class);
    assertThat(new StateFile(state).load().analyst("jung").orElseThrow().error())
        .hasValueSatisfying(e -> assertThat(e).contains("not available"));
  }

  @Test
  void uploadWhoseAnswerWasLostIsFoundAgainByNameAndSize() {
    // The server stores the file but the connection drops before the answer arrives; the run
    // finds the file by name and size instead of uploading it again.
    fake.faults().loseNextAnswers(Requests.to("POST", "files"), 1, AnswerLoss.DROP_CONNECTION);

    RunState done = run().build().start(datasets);

    assertOneUploadAndOneJobPerAnalyst();
    assertThat(done.analyst("jung").orElseThrow().training().fileId()).isPresent();
  }

  @Test
  void staleStateFileAfterUploadAndCreateFindsTheFileAndTheJob() throws Exception {
    // first run, stopped as if killed right after the upload and job creation, before the state
    // write: simulate by restoring the state file from before those steps
    run().build().start(datasets.subList(0, 1));
    Files.delete(state);
    run().build().start(datasets);

    assertOneUploadAndOneJobPerAnalyst();
    RunState recorded = new StateFile(state).load();
    assertThat(recorded.analyst("jung").orElseThrow().jobId()).contains(fake.jobs().all().get(0).id());
  }

  @Test
  void aStateFileWrittenInFormatOneResumesWithoutUploadingOrTrainingAgain() throws Exception {
    RunState full = run().build().start(datasets);
    StringBuilder analysts = new StringBuilder();
    for (AnalystRun entry : full.analysts().values()) {
      RunUpload training = entry.training();
      analysts.append(analysts.length() == 0 ? "" : ",").append("\"").append(entry.analyst()).append("\": {")
          .append("\"analyst\": \"").append(entry.analyst()).append("\", \"trainingPath\": \"")
          .append(training.path().replace("\\", "\\\\")).append("\", \"sha256\": \"").append(training.sha256())
          .append("\", \"bytes\": ").append(training.bytes())
          .append(", \"uploadName\": \"").append(training.uploadName().orElseThrow())
          .append("\", \"fileId\": \"").append(training.fileId().orElseThrow())
          .append("\", \"jobId\": \"").append(entry.jobId().orElseThrow())
          .append("\", \"status\": \"").append(entry.status().orElseThrow()).append("\"}");
    }
    Files.writeString(state, "{\"version\": 1, \"baseModel\": \"" + full.baseModel().orElseThrow()
        + "\", \"analysts\": {" + analysts + "}}");
    int before = fake.requests().received().size();

    RunState resumed = run().build().start(datasets);

    assertOneUploadAndOneJobPerAnalyst();
    // read as recorded: at most the unfinished jobs are refreshed; nothing is looked up by name or hash
    assertThat(fake.requests().received().subList(before, fake.requests().received().size()))
        .allMatch(Requests.under("GET", "fine_tuning/jobs/")::test);
    assertThat(resumed.version()).isEqualTo(RunState.VERSION);
    for (String analyst : List.of("jung", "freud")) {
      assertThat(resumed.analyst(analyst).orElseThrow().jobId()).isEqualTo(full.analyst(analyst).orElseThrow().jobId());
    }
    assertThat(Files.readString(state)).contains("\"version\": 3");
  }

  @Test
  void stateThatKnowsTheFileButNotTheJobFindsTheJobByHash() throws Exception {
    run().build().start(datasets);
    RunState full = new StateFile(state).load();
    AnalystRun freud = full.analyst("freud").orElseThrow();
    // a state written after freud's upload but before its job was recorded
    RunState lagging = full.with(freud.withoutJob());
    new StateFile(state).save(lagging);

    RunState resumed = run().build().start(datasets);
    assertOneUploadAndOneJobPerAnalyst();
    assertThat(resumed.analyst("freud").orElseThrow().jobId()).isEqualTo(freud.jobId());
  }


  @Test
  void aJobOfAnotherBaseModelIsNotThisRunsJobEvenForTheSameData() {
    run().build().start(datasets);
    Path other = dir.resolve("mini.json");

    RunState mini = FineTuneRun.builder(service).stateFile(other).clock(time)
        .baseModel("gpt-4o-mini-2024-07-18").build().start(datasets);

    assertThat(fake.jobs().all()).hasSize(4);
    String jungJob = mini.analyst("jung").orElseThrow().jobId().orElseThrow();
    assertThat(fake.jobs().get(jungJob).model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(fake.files().all()).as("the uploads are found again, not repeated").hasSize(2);
  }

  @Test
  void aChangedValidationFileIsUploadedAgainBeforeTheJobIsCreated() throws Exception {
    Path validation = Files.writeString(dir.resolve("jung-validation.jsonl"),
        "{\"messages\":[{\"role\":\"user\",\"content\":\"v1\"},{\"role\":\"assistant\",\"content\":\"a\"}]}\n");
    List<AnalystDataset> withValidation =
        List.of(AnalystDataset.of("jung", datasets.get(0).trainingFile(), validation));
    fake.faults().failNext(createJob("jung"), 1, Replies.error(400, "validation file has a problem"));
    assertThatThrownBy(() -> run().build().start(withValidation)).isInstanceOf(ApiException.class);
    String firstValidation =
        new StateFile(state).load().analyst("jung").orElseThrow().validation().flatMap(RunUpload::fileId).orElseThrow();

    Files.writeString(validation,
        "{\"messages\":[{\"role\":\"user\",\"content\":\"v2\"},{\"role\":\"assistant\",\"content\":\"b\"}]}\n");
    RunState done = run().build().start(withValidation);

    AnalystRun jung = done.analyst("jung").orElseThrow();
    assertThat(jung.validation().flatMap(RunUpload::fileId)).isPresent().isNotEqualTo(Optional.of(firstValidation));
    assertThat(fake.jobs().get(jung.jobId().orElseThrow()).validationFile()).isEqualTo(jung.validation().flatMap(RunUpload::fileId));
  }

  @Test
  void retryingFailedJobsSeesAFailureThatHappenedSinceTheLastRun() {
    RunState first = run().build().start(datasets);
    String jungJob = first.analyst("jung").orElseThrow().jobId().orElseThrow();
    fake.jobs().fail(jungJob, "invalid_training_file", "line 3 has no assistant message");

    RunState second = run().retryFailedJobs(true).build().start(datasets);

    assertThat(second.analyst("jung").orElseThrow().jobId()).isPresent().isNotEqualTo(Optional.of(jungJob));
    assertThat(fake.jobs().all()).hasSize(3);
  }

  @Test
  void aJobErrorThatEchoesTheKeyIsRedactedBeforeTheStateFileAndTheStatus() throws Exception {
    RunState first = run().build().start(datasets);
    String jungJob = first.analyst("jung").orElseThrow().jobId().orElseThrow();
    fake.jobs().fail(jungJob, "Bearer " + dev.reve.finetune.TestClients.KEY,
        "proxy saw Authorization: Bearer " + dev.reve.finetune.TestClients.KEY);

    RunState status = run().build().status(true);

    assertThat(status.toString()).doesNotContain(dev.reve.finetune.TestClients.KEY);
    assertThat(status.analyst("jung").orElseThrow().error()).hasValueSatisfying(e -> assertThat(e).contains("[redacted]"));
    assertThat(Files.readString(state)).doesNotContain(dev.reve.finetune.TestClients.KEY);
  }
}
