package dev.reve.finetune.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.JobStatus;
import dev.reve.finetune.TestClients;
import dev.reve.finetune.TrainingMetrics;
import dev.reve.finetune.WaitOptions;
import dev.reve.finetune.support.RepoFiles;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.testkit.VirtualTime;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PromotionTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  private OpenAiEmulator fake;
  private final VirtualTime time = TestClients.time();
  private FineTuningService service;
  @TempDir Path dir;
  private Path state;
  private Path models;
  private List<AnalystDataset> datasets;

  @BeforeEach
  void start() throws Exception {
    fake = openai.emulator();
    service = TestClients.service(fake, time);
    state = dir.resolve("reve-finetune.json");
    models = dir.resolve("reve-models.properties");
    Path data = RepoFiles.trainingData();
    datasets = List.of(
        AnalystDataset.of("jung", data.resolve("jung-examples.jsonl")),
        AnalystDataset.of("freud", data.resolve("freud-examples.jsonl")));
  }

  @AfterEach
  void stop() {
    service.client().close();
  }

  private FineTuneRun run() {
    return FineTuneRun.builder(service).stateFile(state).clock(time).build();
  }

  private static Properties load(Path file) throws Exception {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  private String jobOf(String analyst) {
    return new StateFile(state).load().analyst(analyst).orElseThrow().jobId().orElseThrow();
  }

  @Test
  void oneSucceededAndOneFailedPromotesTheOneAndReportsTheOther() throws Exception {
    Files.writeString(models, "# mine\nother.setting=keep me\njung.model=ft:old:org:jung:1\n");
    run().start(datasets);
    fake.jobs().succeed(jobOf("jung"), "ft:gpt-4o-mini-2024-07-18:org:jung:AbC");
    fake.jobs().fail(jobOf("freud"), "invalid_training_file", "Example 7 is too long");

    Promotion promotion = run().promote(models, true);

    assertThat(promotion.promoted()).containsExactly(Map.entry("jung", "ft:gpt-4o-mini-2024-07-18:org:jung:AbC"));
    assertThat(promotion.notPromoted()).containsOnlyKeys("freud");
    assertThat(promotion.notPromoted().get("freud")).contains("failed").contains("Example 7 is too long");
    assertThat(promotion.complete()).isFalse();
    assertThat(promotion.environmentLines()).containsExactly("OPENAI_JUNG_MODEL=ft:gpt-4o-mini-2024-07-18:org:jung:AbC");
    Properties written = load(models);
    assertThat(written.getProperty("jung.model")).isEqualTo("ft:gpt-4o-mini-2024-07-18:org:jung:AbC");
    assertThat(written.getProperty("other.setting")).isEqualTo("keep me");
    assertThat(written.getProperty("freud.model")).isNull();
    assertThat(Files.readString(models)).startsWith("# mine\n").contains("jung.model=ft:gpt-4o-mini");
    assertThat(promotion.report()).contains("Not promoted: freud").contains("OPENAI_JUNG_MODEL=");
    // the refreshed status is on disk
    assertThat(new StateFile(state).load().analyst("freud").orElseThrow().state()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void aFineTunePastItsShutdownDateOrGoneIsNotPromoted() throws Exception {
    run().start(datasets);
    String jung = "ft:gpt-4o-mini-2024-07-18:org:jung:Old";
    String freud = "ft:gpt-4o-mini-2024-07-18:org:freud:Gone";
    fake.jobs().succeed(jobOf("jung"), jung);
    fake.jobs().succeed(jobOf("freud"), freud);
    fake.models().remove(jung);
    fake.models().add(dev.reve.testkit.StoredModel.of(jung).ownedBy("org")
        .shutdownOn(java.time.LocalDate.of(2025, 12, 31)));
    fake.models().remove(freud);

    Promotion promotion = run().promote(models, true);

    assertThat(promotion.promoted()).isEmpty();
    assertThat(promotion.notPromoted().get("jung"))
        .contains(jung, "shut down on 2025-12-31", "Train a new model on a current base model");
    assertThat(promotion.notPromoted().get("freud")).contains(freud, "not available any more (HTTP 404)");
    assertThat(models).doesNotExist();
  }

  @Test
  void nothingSucceededLeavesTheModelsFileAlone() {
    run().start(datasets);
    Promotion promotion = run().promote(models, true);
    assertThat(promotion.promoted()).isEmpty();
    assertThat(promotion.notPromoted().get("jung")).contains("validating_files").contains("wait");
    assertThat(models).doesNotExist();
  }

  @Test
  void watchFollowsEveryJobToItsEndAndRecordsIt() {
    run().start(datasets);
    String jung = jobOf("jung");
    String freud = jobOf("freud");
    List<String> heard = new ArrayList<>();
    RunListener listener = new RunListener() {
      @Override
      public void onStatus(String analyst, FineTuningJob job, Optional<String> previous) {
        heard.add(analyst + " " + job.status());
        // direct edits, so that only these steps and this one metrics event happen
        if (job.status().equals("validating_files")) {
          fake.jobs().edit(job.id(), e -> e.status("running"));
          fake.jobs().addMetrics(job.id(), 5, 10, 0.9);
        } else if (job.status().equals("running")) {
          fake.jobs().edit(job.id(), e -> e.status(analyst.equals("jung") ? "succeeded" : "cancelled")
              .fineTunedModel(analyst.equals("jung") ? "ft:gpt-4o-mini:org:jung:W1" : null));
        }
      }

      @Override
      public void onMetrics(String analyst, FineTuningJob job, TrainingMetrics metrics) {
        heard.add(analyst + " step " + metrics.step().orElseThrow() + "/" + metrics.totalSteps().orElseThrow());
      }
    };
    RunState done = FineTuneRun.builder(service).stateFile(state).clock(time).listener(listener).build()
        .watch(WaitOptions.DEFAULT);

    // the jobs are followed at once, so the analysts' lines interleave; each one's are in order
    // (the metrics event is added while the first poll runs, so that poll already delivers it)
    assertThat(heard.stream().filter(h -> h.startsWith("jung "))).containsExactly(
        "jung validating_files", "jung step 5/10", "jung running", "jung succeeded");
    assertThat(heard.stream().filter(h -> h.startsWith("freud "))).containsExactly(
        "freud validating_files", "freud step 5/10", "freud running", "freud cancelled");
    assertThat(done.analyst("jung").orElseThrow().fineTunedModel()).contains("ft:gpt-4o-mini:org:jung:W1");
    assertThat(new StateFile(state).load().analyst("freud").orElseThrow().state()).isEqualTo(JobStatus.CANCELLED);
    assertThat(jung).isNotEqualTo(freud);
  }

  @Test
  void watchStopsAtItsDeadlineAndLeavesJobsRecordedAsRunning() {
    run().start(datasets);
    RunState after = run().watch(WaitOptions.DEFAULT.withTimeout(Duration.ofMinutes(2)).withEvents(false));
    assertThat(after.analyst("jung").orElseThrow().status()).contains("validating_files");
    // both jobs are polled at once on one virtual clock: it stops at the deadline, give or take a poll
    assertThat(time.waits().stream().reduce(Duration.ZERO, Duration::plus))
        .isBetween(Duration.ofMinutes(2), Duration.ofMinutes(3));
  }

  @Test
  void watchSeesAFailureOfOneJobWhileAnotherIsStillTraining() {
    run().start(datasets);
    String jung = jobOf("jung");
    fake.jobs().edit(jung, e -> e.status("running"));
    fake.jobs().fail(jobOf("freud"), "invalid_training_file", "Example 3 is too long");
    List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
    RunListener listener = new RunListener() {
      @Override
      public void onStatus(String analyst, FineTuningJob job, Optional<String> previous) {
        heard.add(analyst + " " + job.status());
      }

      @Override
      public void onEvent(String analyst, FineTuningJob job, dev.reve.finetune.JobEvent event) {
        heard.add(analyst + " event " + event.message());
      }

      @Override
      public void onStep(String analyst, String message) {
        heard.add(analyst + " " + message);
      }
    };

    RunState after = FineTuneRun.builder(service).stateFile(state).clock(time).listener(listener).build()
        .watch(WaitOptions.DEFAULT.withTimeout(Duration.ofHours(3)));

    assertThat(heard).contains("freud failed", "freud event Example 3 is too long");
    // Freud's failure is heard before Jung's wait ends, not hours later after it
    assertThat(heard.indexOf("freud failed")).isLessThan(heard.indexOf("jung still running when the wait ended"));
    assertThat(after.analyst("freud").orElseThrow().state()).isEqualTo(JobStatus.FAILED);
    assertThat(after.analyst("jung").orElseThrow().status()).contains("running");
    assertThat(new StateFile(state).load().analyst("freud").orElseThrow().state()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void saveModelsPromotesFromJobIdsLikeTheOriginalScriptButKeepsPartialSuccess() throws Exception {
    run().start(datasets);
    fake.jobs().edit(jobOf("jung"), e -> e.status("running"));
    fake.jobs().succeed(jobOf("freud"), "ft:gpt-4o-mini:org:freud:Z9");

    Promotion promotion = FineTuneRun.save(service, jobOf("jung"), jobOf("freud"), models);

    assertThat(promotion.promoted()).containsExactly(Map.entry("freud", "ft:gpt-4o-mini:org:freud:Z9"));
    assertThat(promotion.notPromoted().get("jung")).contains("running");
    assertThat(promotion.environmentLines()).containsExactly("OPENAI_FREUD_MODEL=ft:gpt-4o-mini:org:freud:Z9");
    assertThat(load(models).getProperty("freud.model")).isEqualTo("ft:gpt-4o-mini:org:freud:Z9");
  }

  @Test
  void theValidatorGuardsTheUpload() throws Exception {
    Path broken = dir.resolve("jung.jsonl");
    Files.writeString(broken, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\nnot json\n");
    FineTuneRun guarded = FineTuneRun.builder(service).stateFile(state).clock(time)
        .validateWith(ValidationOptions.defaults()).build();

    assertThatThrownBy(() -> guarded.start(List.of(AnalystDataset.of("jung", broken))))
        .isInstanceOf(TrainingDataInvalidException.class)
        .hasMessageContaining("NOT ready to upload");
    assertThat(fake.files().all()).isEmpty();

    // the committed training files pass the same validator, with the analysts' own profiles
    RunState ok = guarded.start(datasets);
    assertThat(ok.analyst("jung").orElseThrow().check()).hasValueSatisfying(c -> assertThat(c).contains("ready to upload"));
    assertThat(fake.files().all()).hasSize(2);
  }
}
