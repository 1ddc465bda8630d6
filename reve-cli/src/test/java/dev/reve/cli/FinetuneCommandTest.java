package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import dev.reve.finetune.run.FineTuneRun;
import dev.reve.finetune.training.TrainingExample;
import dev.reve.finetune.training.TrainingFileWriter;
import dev.reve.testkit.ChatReply;
import dev.reve.testkit.FaultSpec;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import dev.reve.testkit.Replies;
import dev.reve.testkit.Requests;
import dev.reve.testkit.StoredFile;
import dev.reve.testkit.StoredJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FinetuneCommandTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  private OpenAiEmulator api;
  private Cli cli;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    api = openai.emulator();
    cli = Cli.against(api, dir);
  }

  /** The id of the newest job created for {@code analyst}. */
  private String jobOf(String analyst) {
    return api.jobs().withMetadata("reve_analyst", analyst).orElseThrow().id();
  }

  /** Adds a job directly, as if made elsewhere, in {@code status} with {@code model}. */
  private String addJob(String analyst, String status, String model) {
    String id = api.jobs().add("gpt-4o-mini-2024-07-18", "file-x", Map.of("reve_analyst", analyst));
    api.jobs().edit(id, e -> e.status(status).fineTunedModel(model));
    return id;
  }

  /** Writes {@code n} well-formed examples for an analyst. */
  static Path trainingFile(Path file, AnalystProfile analyst, int n) throws Exception {
    List<TrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      examples.add(TrainingExample.of(analyst,
          Dream.builder("In dream number " + i + " I walked along a river at dusk and found a key.")
              .title("River " + i).build(),
          "Reading " + i + ": tell me first what the river brings to mind, and what you are facing"
              + " now; the key in your hand at dusk asks to be taken up in that light."));
    }
    Files.createDirectories(file.getParent());
    TrainingFileWriter.write(file, examples);
    return file;
  }

  private void defaultTrainingFiles() throws Exception {
    trainingFile(dir.resolve("training-data/jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);
    trainingFile(dir.resolve("training-data/freud-examples.jsonl"), BuiltInAnalysts.FREUD, 12);
  }

  @Test
  void validateShowsExamplesTokensAndCostAndExits0() throws Exception {
    Path file = trainingFile(dir.resolve("jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);

    Cli.Result result = cli.run("finetune", "validate", "jung-examples.jsonl", "--epochs", "2");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out())
        .contains("jung-examples.jsonl (analyst jung (from the file name), base model "
            + FineTuneRun.DEFAULT_BASE_MODEL + ", epochs 2)")
        .contains("12 examples, 0 errors")
        .contains("ready to upload")
        .contains("tokens: ", "largest example", "(line ")
        .contains("x 2 epochs x $", " per 1M = $");
    assertThat(Files.exists(file)).isTrue();
    assertThat(api.requests().all()).isEmpty();
  }

  @Test
  void validateListsEveryProblemWithItsLineAndExits1() throws Exception {
    Path file = trainingFile(dir.resolve("data.jsonl"), BuiltInAnalysts.FREUD, 12);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(2, "{\"messages\": [");
    lines.set(6, "{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"y\"}]}");
    Files.write(file, lines);

    Cli.Result result = cli.run("finetune", "validate", "data.jsonl", "--analyst", "freud");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out())
        .contains("analyst freud,")
        .contains("NOT ready to upload")
        .contains("line 3: ERROR INVALID_JSON")
        .contains("line 7: ERROR BAD_ROLE");
  }

  @Test
  void validateJsonHasOneEntryPerFile() throws Exception {
    trainingFile(dir.resolve("jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);
    trainingFile(dir.resolve("few.jsonl"), BuiltInAnalysts.JUNG, 3);

    Cli.Result result = cli.run("finetune", "validate", "jung-examples.jsonl", "few.jsonl", "--json");

    assertThat(result.code()).isEqualTo(1);
    Map<String, Object> doc = Json.object(result.out());
    assertThat(doc).containsEntry("ok", false).containsKey("total_cost_usd");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> files = (List<Map<String, Object>>) doc.get("files");
    assertThat(files).hasSize(2);
    assertThat(files.get(0)).containsEntry("file", "jung-examples.jsonl").containsEntry("analyst", "jung")
        .containsEntry("ready", true).containsEntry("examples", 12.0)
        .containsKeys("tokens", "cost", "problems", "errors", "warnings", "base_model", "epochs");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> problems = (List<Map<String, Object>>) files.get(1).get("problems");
    assertThat(problems).anySatisfy(p -> assertThat(p).containsEntry("code", "TOO_FEW_EXAMPLES")
        .containsEntry("severity", "error").containsEntry("line", 0.0));
  }

  @Test
  void validateOfAMissingFileOrUnknownAnalystIsAUsageError() {
    assertThat(cli.run("finetune", "validate", "nope.jsonl").code()).isEqualTo(2);
    assertThat(cli.run("finetune", "validate", "nope.jsonl", "--analyst", "adler").code()).isEqualTo(2);
    assertThat(cli.run("finetune", "validate", "x.jsonl", "--epochs", "99").err()).contains("1 to 50");
    assertThat(cli.run("finetune", "validate").code()).isEqualTo(2);
  }

  @Test
  void dryRunValidatesAndShowsThePlanWithoutSendingAnythingOrNeedingAKey() throws Exception {
    defaultTrainingFiles();
    cli.env.remove("OPENAI_API_KEY");

    Cli.Result result = cli.run("finetune", "start", "--dry-run", "--suffix", "v2");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out())
        .contains("Dry run: nothing was uploaded")
        .contains("jung: would upload training-data/jung-examples.jsonl")
        .contains("model suffix jung-v2")
        .contains("freud: would upload")
        .contains("Estimated training cost: $");
    assertThat(api.requests().all()).isEmpty();
    assertThat(dir.resolve("reve-finetune.json")).doesNotExist();
  }

  @Test
  void startAndValidateBothSayUnknownWhenTheModelHasNoPrice() throws Exception {
    defaultTrainingFiles();
    cli.env.remove("OPENAI_API_KEY");

    Cli.Result start = cli.run("finetune", "start", "--dry-run", "--base-model", "my-own-model");
    Cli.Result validate = cli.run("finetune", "validate", "training-data/jung-examples.jsonl",
        "training-data/freud-examples.jsonl", "--base-model", "my-own-model");

    assertThat(start.code()).isEqualTo(0);
    assertThat(start.out()).contains("Estimated training cost: unknown").doesNotContain("$0.00");
    assertThat(validate.out()).contains("Estimated training cost of all files: unknown");
  }

  @Test
  void startUploadsCreatesJobsRecordsStateAndPrintsNextSteps() throws Exception {
    defaultTrainingFiles();

    Cli.Result result = cli.run("finetune", "start", "--epochs", "3", "--suffix", "v2");

    assertThat(result.code()).isEqualTo(0);
    assertThat(api.files().all()).hasSize(2)
        .allSatisfy(u -> assertThat(u.purpose()).isEqualTo("fine-tune"));
    assertThat(api.jobs().all()).hasSize(2);
    StoredJob jung = api.jobs().all().get(0);
    assertThat(jung.model()).isEqualTo(FineTuneRun.DEFAULT_BASE_MODEL);
    assertThat(jung.suffix()).contains("jung-v2");
    assertThat(jung.metadata()).containsEntry("reve_analyst", "jung")
        .containsKeys(FineTuneRun.SHA256_KEY, FineTuneRun.CONFIG_KEY).hasSize(3);
    assertThat(jung.requestBody()).contains("\"n_epochs\":3");
    assertThat(result.out())
        .contains("ANALYST", "jung", jobOf("jung"), jobOf("freud"), "validating_files")
        .contains("reve finetune watch", "reve finetune status", "reve finetune promote");
    assertThat(result.err()).contains("12 examples, 0 errors", "jung: uploaded", "jung: created job");
    assertThat(dir.resolve("reve-finetune.json")).exists();
    assertThat(Files.readString(dir.resolve("reve-finetune.json"))).contains(jobOf("jung"));

    Cli.Result again = cli.run("finetune", "start", "--epochs", "3", "--suffix", "v2");

    assertThat(again.code()).isEqualTo(0);
    assertThat(api.files().all()).hasSize(2);
    assertThat(api.jobs().all()).hasSize(2);
  }

  @Test
  void startWithAnInvalidFileUploadsNothingAndExits1() throws Exception {
    defaultTrainingFiles();
    Files.writeString(dir.resolve("training-data/freud-examples.jsonl"), "not json\n", java.nio.file.StandardOpenOption.APPEND);

    Cli.Result result = cli.run("finetune", "start");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("line 13: ERROR INVALID_JSON", "Nothing was uploaded");
    assertThat(api.files().all()).isEmpty();
    assertThat(api.requests().all()).isEmpty();
  }

  @Test
  void startChecksTheAnalystsAndTheirFiles() throws Exception {
    Cli.Result missing = cli.run("finetune", "start");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("Training file for jung not found", "--training-file jung=PATH");

    trainingFile(dir.resolve("mine.jsonl"), BuiltInAnalysts.JUNG, 12);
    Cli.Result stray = cli.run("finetune", "start", "--analyst", "freud", "--training-file", "jung=mine.jsonl");
    assertThat(stray.code()).isEqualTo(2);
    assertThat(stray.err()).contains("--training-file names analyst 'jung'");

    Cli.Result one = cli.run("finetune", "start", "--training-file", "jung=mine.jsonl");
    assertThat(one.code()).isEqualTo(0);
    assertThat(api.jobs().all()).hasSize(1);
    assertThat(api.files().all()).extracting(StoredFile::text).containsExactly(Files.readString(dir.resolve("mine.jsonl")));
  }

  @Test
  void validationSplitUploadsATrainingAndAValidationPart() throws Exception {
    trainingFile(dir.resolve("training-data/jung-examples.jsonl"), BuiltInAnalysts.JUNG, 20);

    Cli.Result result = cli.run("finetune", "start", "--analyst", "jung", "--validation-split", "0.2");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.err()).contains("16 training and 4 validation examples");
    assertThat(api.files().all()).hasSize(2);
    assertThat(api.jobs().all().get(0).validationFile()).isPresent();
    assertThat(Files.readAllLines(dir.resolve("reve-finetune-split/jung-validation.jsonl"))).hasSize(4);
    assertThat(cli.run("finetune", "start", "--validation-split", "0.9").code()).isEqualTo(2);
  }

  @Test
  void uploadShowsAProgressBarOnATerminal() throws Exception {
    trainingFile(dir.resolve("training-data/jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);
    cli.interactive = true;

    Cli.Result result = cli.run("finetune", "start", "--analyst", "jung");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.err()).contains("\rjung: upload [", "#####", "100%");
  }

  @Test
  void fineTuningRefusedForTheAccountIsAnApiErrorWithTheWayForward() throws Exception {
    trainingFile(dir.resolve("training-data/jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);
    api.faults().inject(FaultSpec.on(Requests.to("POST", "fine_tuning/jobs")).times(Integer.MAX_VALUE).respond(
        Replies.withRequestId(Replies.error(403, "Fine-tuning is not available for your organization."), "req-403")));

    Cli.Result result = cli.run("finetune", "start", "--analyst", "jung");

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("Fine-tuning is not available to this account", "req-403",
        "open-weight");
  }

  @Test
  void statusReadsTheRunAndExits1WhenAJobFailed() throws Exception {
    defaultTrainingFiles();
    cli.run("finetune", "start");
    api.jobs().succeed(jobOf("jung"), "ft:gpt-4o-mini-2024-07-18:acme:jung:J1");
    api.jobs().fail(jobOf("freud"), "invalid_training_file", "The file has 3 examples; at least 10 are required.");

    Cli.Result result = cli.run("finetune", "status");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).contains("ft:gpt-4o-mini-2024-07-18:acme:jung:J1", "failed",
        "at least 10 are required");
    Cli.Result json = cli.run("finetune", "status", "--json");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> analysts = (List<Map<String, Object>>) Json.object(json.out()).get("analysts");
    assertThat(analysts).extracting(a -> a.get("status")).containsExactly("succeeded", "failed");
  }

  @Test
  void statusOfNamedJobs() {
    String job = addJob("jung", "running", null);

    Cli.Result result = cli.run("finetune", "status", job);

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out()).contains(job, "running", "jung");
    assertThat(cli.run("finetune", "status", "ftjob-missing").code()).isEqualTo(3);
  }

  @Test
  void commandsThatNeedARunSayHowToStartOne() {
    for (String command : List.of("status", "watch", "promote")) {
      Cli.Result result = cli.run("finetune", command);
      assertThat(result.code()).as(command).isEqualTo(2);
      assertThat(result.err()).as(command).contains("No fine-tuning run", "reve finetune start");
    }
  }

  @Test
  void watchFollowsStatusEventsAndLossUntilTheJobsEnd() throws Exception {
    trainingFile(dir.resolve("training-data/jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);
    cli.run("finetune", "start", "--analyst", "jung");
    String job = jobOf("jung");
    api.jobs().onRetrieve(job,
        () -> api.jobs().edit(job, e -> e.status("running")),
        () -> {
          api.jobs().addMetrics(job, 5, 10, 1.2);
          api.jobs().addEvent(job, "Checkpoint created at step 5");
        },
        () -> api.jobs().edit(job, e -> e.status("succeeded").fineTunedModel("ft:gpt-4o-mini-2024-07-18:acme:jung:W1")));

    Cli.Result result = cli.run("finetune", "watch");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out())
        .contains("jung: job " + job + " is running\n")
        .contains("jung: step 5/10 (50%), training loss 1.2000")
        .contains("jung: Checkpoint created at step 5")
        .contains("is succeeded (was running), model ft:gpt-4o-mini-2024-07-18:acme:jung:W1")
        .contains("Every job succeeded. Next: reve finetune promote");
    assertThat(cli.time.waits()).isNotEmpty();
    assertThat(Files.readString(dir.resolve("reve-finetune.json"))).contains("ft:gpt-4o-mini-2024-07-18:acme:jung:W1");
  }

  @Test
  void watchExits1WhenAJobFails() throws Exception {
    trainingFile(dir.resolve("training-data/jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);
    cli.run("finetune", "start", "--analyst", "jung");
    String job = jobOf("jung");
    api.jobs().onRetrieve(job, () -> api.jobs().fail(job, "invalid_training_file", "bad file"));

    Cli.Result result = cli.run("finetune", "watch");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).contains("failed", "bad file", "--retry-failed");
  }

  @Test
  void promoteWritesTheModelsFileAndPrintsTheEnvironmentLines() throws Exception {
    defaultTrainingFiles();
    cli.run("finetune", "start");
    api.jobs().succeed(jobOf("jung"), "ft:gpt-4o-mini-2024-07-18:acme:jung:P1");
    api.jobs().edit(jobOf("freud"), e -> e.status("running"));

    Cli.Result partial = cli.run("finetune", "promote");

    assertThat(partial.code()).isEqualTo(1);
    assertThat(partial.out()).contains("jung.model=ft:gpt-4o-mini-2024-07-18:acme:jung:P1",
        "Not promoted: freud", "\nOPENAI_JUNG_MODEL=ft:gpt-4o-mini-2024-07-18:acme:jung:P1\n");
    assertThat(models().getProperty("jung.model")).isEqualTo("ft:gpt-4o-mini-2024-07-18:acme:jung:P1");

    api.jobs().succeed(jobOf("freud"), "ft:gpt-4o-mini-2024-07-18:acme:freud:P2");
    Cli.Result all = cli.run("finetune", "promote", "--json");

    assertThat(all.code()).isEqualTo(0);
    assertThat(Json.object(all.out())).containsEntry("environment", List.of(
        "OPENAI_JUNG_MODEL=ft:gpt-4o-mini-2024-07-18:acme:jung:P1",
        "OPENAI_FREUD_MODEL=ft:gpt-4o-mini-2024-07-18:acme:freud:P2"));
    assertThat(models().getProperty("freud.model")).isEqualTo("ft:gpt-4o-mini-2024-07-18:acme:freud:P2");
  }

  @Test
  void promotedModelsAreWhatAnalyzeUsesNext() throws Exception {
    trainingFile(dir.resolve("training-data/jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);
    cli.run("finetune", "start", "--analyst", "jung");
    api.jobs().succeed(jobOf("jung"), "ft:gpt-4o-mini-2024-07-18:acme:jung:P9");
    cli.run("finetune", "promote");
    api.chat().enqueue("ft:gpt-4o-mini-2024-07-18:acme:jung:P9", ChatReply.text("Tell me about the river first."));

    Cli.Result result = cli.run("analyze", "--analyst", "jung", "--dream", "A river.");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out()).contains("Model: ft:gpt-4o-mini-2024-07-18:acme:jung:P9 (fine-tuned)");
  }

  @Test
  void saveTakesTheTwoJobIdsAsTheOriginalScriptDid() throws Exception {
    String jung = addJob("jung", "succeeded", "ft:gpt-4o:acme:jung:S1");
    String freud = addJob("freud", "failed", null);
    cli.env.put("REVE_MODELS_FILE", "conf/models.properties");
    Files.createDirectories(dir.resolve("conf"));

    Cli.Result result = cli.run("finetune", "save", jung, freud);

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).contains("Wrote conf/models.properties", "jung.model=ft:gpt-4o:acme:jung:S1",
        "Not promoted: freud", "OPENAI_JUNG_MODEL=ft:gpt-4o:acme:jung:S1");
    Properties saved = new Properties();
    try (var in = Files.newBufferedReader(dir.resolve("conf/models.properties"))) {
      saved.load(in);
    }
    assertThat(saved.getProperty("jung.model")).isEqualTo("ft:gpt-4o:acme:jung:S1");
    assertThat(cli.run("finetune", "save", jung).code()).isEqualTo(2);
  }

  @Test
  void listShowsRecentJobsAndCancelCancelsOne() {
    String a = addJob("jung", "succeeded", "ft:gpt-4o:acme:jung:L1");
    String b = addJob("freud", "running", null);

    Cli.Result list = cli.run("finetune", "list");
    Cli.Result json = cli.run("finetune", "list", "--json", "--limit", "1");
    Cli.Result cancel = cli.run("finetune", "cancel", b);

    assertThat(list.code()).isEqualTo(0);
    assertThat(list.out().lines().toList().get(1)).startsWith(b);
    assertThat(list.out()).contains(a, "ft:gpt-4o:acme:jung:L1", "jung", "freud");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) Json.object(json.out()).get("jobs");
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0)).containsEntry("id", b).containsEntry("analyst", "freud");
    assertThat(cancel.code()).isEqualTo(0);
    assertThat(cancel.out()).contains("Job " + b + " is now cancelled.");
  }

  private Properties models() throws Exception {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(dir.resolve("reve-models.properties"))) {
      p.load(in);
    }
    return p;
  }

  @Test
  void jsonOfNamedJobsAndOfSave() {
    String jung = addJob("jung", "succeeded", "ft:gpt-4o:acme:jung:J7");
    String freud = addJob("freud", "succeeded", "ft:gpt-4o:acme:freud:F7");

    Cli.Result status = cli.run("finetune", "status", jung, freud, "--json");
    Cli.Result save = cli.run("finetune", "save", jung, freud, "--json");

    assertThat(status.code()).isEqualTo(0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) Json.object(status.out()).get("jobs");
    assertThat(jobs).extracting(j -> j.get("fine_tuned_model"))
        .containsExactly("ft:gpt-4o:acme:jung:J7", "ft:gpt-4o:acme:freud:F7");
    assertThat(jobs.get(0)).containsEntry("id", jung).containsEntry("status", "succeeded")
        .containsEntry("analyst", "jung").containsKeys("base_model", "created_at", "error");
    assertThat(save.code()).isEqualTo(0);
    assertThat(Json.object(save.out()))
        .containsEntry("models_file", "reve-models.properties")
        .containsEntry("promoted", Map.of("jung", "ft:gpt-4o:acme:jung:J7", "freud", "ft:gpt-4o:acme:freud:F7"))
        .containsEntry("not_promoted", Map.of());
  }

  @Test
  void fineTuningCommandsWithoutAKeySayHowToSetOne() throws Exception {
    trainingFile(dir.resolve("training-data/jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);
    cli.env.remove("OPENAI_API_KEY");
    cli.env.remove("OPENAI_BASE_URL");

    for (String[] args : List.of(new String[] {"finetune", "start", "--analyst", "jung"},
        new String[] {"finetune", "list"}, new String[] {"finetune", "cancel", "ftjob-1"},
        new String[] {"finetune", "save", "ftjob-1", "ftjob-2"})) {
      Cli.Result result = cli.run(args);
      assertThat(result.code()).as(String.join(" ", args)).isEqualTo(3);
      assertThat(result.err()).as(String.join(" ", args)).contains("No API key");
    }
    assertThat(api.requests().all()).isEmpty();
  }
}
