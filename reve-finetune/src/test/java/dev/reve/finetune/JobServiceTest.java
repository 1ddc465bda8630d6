package dev.reve.finetune;

import dev.reve.openai.spi.Page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.reve.openai.error.InsufficientQuotaException;
import dev.reve.openai.spi.Json;
import dev.reve.testkit.VirtualTime;
import dev.reve.testkit.OpenAiEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobServiceTest {
  private static final JsonAdapter<Map<String, Object>> MAP =
      Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final MockWebServer server = new MockWebServer();
  private final VirtualTime time = TestClients.time();
  private FineTuningService service;

  @BeforeEach
  void start() throws Exception {
    server.start();
    service = TestClients.service(server, time);
  }

  @AfterEach
  void stop() {
    service.client().close();
    server.close();
  }

  private void answer(String json) {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(json).build());
  }

  private void answer(int code, String json) {
    server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(json).build());
  }

  private static String job(String id, String status, String extra) {
    return "{\"object\":\"fine_tuning.job\",\"id\":\"" + id + "\",\"created_at\":1721764800,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"training_file\":\"file-abc\",\"status\":\"" + status + "\""
        + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void createSendsTheSupervisedMethodShapeWithAutoAndNumbers() throws Exception {
    answer(job("ftjob-1", "validating_files", ""));
    CreateJobRequest request =
        CreateJobRequest.builder("gpt-4o-mini-2024-07-18", "file-abc")
            .validationFile("file-val")
            .suffix("jung")
            .seed(7)
            .epochs(3)
            .learningRateMultiplier(0.5)
            .metadata("reve_analyst", "jung")
            .build();
    FineTuningJob created = service.jobs().create(request);

    assertThat(created.id()).isEqualTo("ftjob-1");
    RecordedRequest sent = take();
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/fine_tuning/jobs");
    Map<String, Object> body = MAP.fromJson(sent.getBody().utf8());
    assertThat(body)
        .containsEntry("model", "gpt-4o-mini-2024-07-18")
        .containsEntry("training_file", "file-abc")
        .containsEntry("validation_file", "file-val")
        .containsEntry("suffix", "jung")
        .containsEntry("seed", 7.0)
        .containsEntry("metadata", Map.of("reve_analyst", "jung"))
        .doesNotContainKey("hyperparameters");
    assertThat(body.get("method"))
        .isEqualTo(Map.of("type", "supervised", "supervised", Map.of("hyperparameters",
            Map.of("n_epochs", 3.0, "batch_size", "auto", "learning_rate_multiplier", 0.5))));
    // whole numbers go out as JSON integers, as the spec's integer type requires
    assertThat(sent.getBody().utf8()).contains("\"n_epochs\":3,").contains("\"seed\":7");
  }

  @Test
  void limitsAreCheckedBeforeSending() {
    String longSuffix = "x".repeat(65);
    assertThatThrownBy(() -> CreateJobRequest.builder("m", "f").suffix(longSuffix).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 64 characters");
    assertThat(CreateJobRequest.builder("m", "f").suffix("y".repeat(64)).build().suffix()).isPresent();
    assertThatThrownBy(() -> CreateJobRequest.builder("m", "f").suffix("a:b").build())
        .hasMessageContaining("':'");
    assertThatThrownBy(() -> CreateJobRequest.builder("m", "f").epochs(51).build())
        .hasMessageContaining("n_epochs").hasMessageContaining("1 to 50");
    assertThatThrownBy(() -> CreateJobRequest.builder("m", "f").batchSize(0).build())
        .hasMessageContaining("batch_size");
    assertThatThrownBy(() -> CreateJobRequest.builder("m", "f").learningRateMultiplier(0).build())
        .hasMessageContaining("learning_rate_multiplier");
    assertThatThrownBy(() -> CreateJobRequest.builder("m", "f").seed(-1).build()).hasMessageContaining("seed");
    CreateJobRequest.Builder many = CreateJobRequest.builder("m", "f");
    for (int i = 0; i < 17; i++) {
      many.metadata("k" + i, "v");
    }
    assertThatThrownBy(many::build).hasMessageContaining("16 pairs");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void unknownStatusIsKeptAndAllNullErrorIsNoFailure() throws Exception {
    answer(job("ftjob-2", "validating_hyperparameters",
        "\"error\":{\"code\":null,\"message\":null,\"param\":null},\"fine_tuned_model\":null,"
            + "\"method\":{\"type\":\"supervised\",\"supervised\":{\"hyperparameters\":"
            + "{\"n_epochs\":4,\"batch_size\":\"auto\",\"learning_rate_multiplier\":1.8}}},"
            + "\"metadata\":{\"reve_analyst\":\"freud\"},\"some_future_field\":{\"x\":1}"));
    FineTuningJob job = service.jobs().retrieve("ftjob-2");

    assertThat(job.status()).isEqualTo("validating_hyperparameters");
    assertThat(job.state()).isEqualTo(JobStatus.UNKNOWN);
    assertThat(job.isTerminal()).isFalse();
    assertThat(job.error()).isEmpty();
    assertThat(job.fineTunedModel()).isEmpty();
    assertThat(job.methodType()).contains("supervised");
    assertThat(job.hyperparameters().epochs()).isEqualTo(Hyperparameter.of(4));
    assertThat(job.hyperparameters().batchSize().isAuto()).isTrue();
    assertThat(job.hyperparameters().learningRateMultiplier()).isEqualTo(Hyperparameter.of(1.8));
    assertThat(job.metadata()).containsEntry("reve_analyst", "freud");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/fine_tuning/jobs/ftjob-2");
  }

  @Test
  void pausedIsKnownAndFailedJobCarriesItsError() throws Exception {
    answer(job("ftjob-3", "paused", ""));
    assertThat(service.jobs().pause("ftjob-3").state()).isEqualTo(JobStatus.PAUSED);
    answer(job("ftjob-3", "failed",
        "\"error\":{\"code\":\"invalid_training_file\",\"message\":\"Line 3 has no assistant message\","
            + "\"param\":\"training_file\"}"));
    FineTuningJob failed = service.jobs().retrieve("ftjob-3");
    assertThat(failed.error()).isPresent();
    assertThatThrownBy(failed::requireSucceeded)
        .isInstanceOfSatisfying(FineTuningJobFailedException.class, e -> {
          assertThat(e.errorCode()).contains("invalid_training_file");
          assertThat(e.errorMessage()).contains("Line 3 has no assistant message");
        })
        .hasMessageContaining("ftjob-3")
        .hasMessageContaining("Fix the file");
  }

  @Test
  void cancelPauseResumeEventsAndCheckpointsHitTheirPaths() throws Exception {
    answer(job("ftjob-4", "cancelled", ""));
    answer(job("ftjob-4", "paused", ""));
    answer(job("ftjob-4", "running", ""));
    answer("{\"object\":\"list\",\"data\":[{\"object\":\"fine_tuning.job.event\",\"id\":\"ev-2\","
        + "\"created_at\":2,\"level\":\"info\",\"message\":\"Step 10/100: training loss=1.23\",\"type\":\"metrics\","
        + "\"data\":{\"step\":10,\"total_steps\":100,\"train_loss\":1.23,\"train_mean_token_accuracy\":0.61}}],"
        + "\"has_more\":false}");
    answer("{\"object\":\"list\",\"data\":[{\"object\":\"fine_tuning.job.checkpoint\",\"id\":\"ftckpt_1\","
        + "\"created_at\":3,\"fine_tuned_model_checkpoint\":\"ft:gpt-4o-mini:org:jung:abc:ckpt-step-88\","
        + "\"step_number\":88,\"metrics\":{\"step\":88,\"train_loss\":0.478,\"valid_loss\":10.112},"
        + "\"fine_tuning_job_id\":\"ftjob-4\"}],\"has_more\":false,\"first_id\":\"ftckpt_1\",\"last_id\":\"ftckpt_1\"}");

    assertThat(service.jobs().cancel("ftjob-4").state()).isEqualTo(JobStatus.CANCELLED);
    assertThat(service.jobs().pause("ftjob-4").status()).isEqualTo("paused");
    assertThat(service.jobs().resume("ftjob-4").state()).isEqualTo(JobStatus.RUNNING);
    Page<JobEvent> events = service.jobs().events("ftjob-4", "ev-9", 5);
    TrainingMetrics metrics = events.data().get(0).metrics().orElseThrow();
    assertThat(metrics.step()).contains(10L);
    assertThat(metrics.trainLoss()).contains(1.23);
    assertThat(metrics.fraction()).contains(0.1);
    Page<JobCheckpoint> checkpoints = service.jobs().checkpoints("ftjob-4", null, null);
    assertThat(checkpoints.data().get(0).stepNumber()).isEqualTo(88L);
    assertThat(checkpoints.data().get(0).metrics().validLoss()).contains(10.112);

    assertThat(take().getRequestLine()).isEqualTo("POST /v1/fine_tuning/jobs/ftjob-4/cancel HTTP/1.1");
    assertThat(take().getRequestLine()).isEqualTo("POST /v1/fine_tuning/jobs/ftjob-4/pause HTTP/1.1");
    assertThat(take().getRequestLine()).isEqualTo("POST /v1/fine_tuning/jobs/ftjob-4/resume HTTP/1.1");
    RecordedRequest ev = take();
    assertThat(ev.getUrl().encodedPath()).isEqualTo("/v1/fine_tuning/jobs/ftjob-4/events");
    assertThat(ev.getUrl().queryParameter("after")).isEqualTo("ev-9");
    assertThat(ev.getUrl().queryParameter("limit")).isEqualTo("5");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/fine_tuning/jobs/ftjob-4/checkpoints");
  }

  @Test
  void listAllStopsAtTheCapWhenTheServerAlwaysSaysHasMore() throws Exception {
    try (OpenAiEmulator fake = OpenAiEmulator.builder().alwaysHasMore(true).start()) {
      FineTuningService service = TestClients.service(fake, time);
      java.nio.file.Path file = java.nio.file.Files.createTempFile("train", ".jsonl");
      try {
        java.nio.file.Files.writeString(file, "{}\n");
        String fileId = service.files().upload(file).id();
        for (int i = 0; i < 7; i++) {
          service.jobs().create(CreateJobRequest.builder("gpt-4o-mini", fileId).metadata("n", "" + i).build());
        }
      } finally {
        java.nio.file.Files.delete(file);
      }

      List<FineTuningJob> capped = service.jobs().listAll(JobListQuery.DEFAULT.withLimit(3), 5).toList();
      assertThat(capped).hasSize(5);
      assertThat(capped).extracting(FineTuningJob::id).doesNotHaveDuplicates();
      // all 7 then an empty page: has_more=true cannot make it loop
      List<FineTuningJob> all = service.jobs().listAll(JobListQuery.DEFAULT.withLimit(3)).toList();
      assertThat(all).hasSize(7);
      List<FineTuningJob> filtered =
          service.jobs().listAll(JobListQuery.DEFAULT.withMetadata("n", "4")).toList();
      assertThat(filtered).hasSize(1);
      assertThat(filtered.get(0).metadata()).containsEntry("n", "4");
      service.client().close();
    }
  }

  @Test
  void aServerRepeatingTheSamePageYieldsEachItemOnce() throws Exception {
    String page = "{\"object\":\"list\",\"has_more\":true,\"data\":[" + job("ftjob-a", "running", "") + ","
        + job("ftjob-b", "queued", "") + "]}";
    for (int i = 0; i < 5; i++) {
      answer(page);
    }
    List<FineTuningJob> all = service.jobs().listAll(JobListQuery.DEFAULT).toList();
    assertThat(all).extracting(FineTuningJob::id).containsExactly("ftjob-a", "ftjob-b");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void refusalsAreTyped() throws Exception {
    CreateJobRequest request = CreateJobRequest.builder("gpt-4o-mini-2024-07-18", "file-abc").build();

    answer(403, "{\"error\":{\"message\":\"Fine-tuning is not available for your organization.\",\"type\":\"invalid_request_error\"}}");
    assertThatThrownBy(() -> service.jobs().create(request))
        .isInstanceOfSatisfying(FineTuningUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(FineTuningUnavailableException.Reason.ACCOUNT))
        .hasMessageContaining("not available to this account")
        .hasMessageContaining("open-weight")
        .hasMessageContaining("OpenAI-compatible server");

    answer(400, "{\"error\":{\"message\":\"New fine-tuning jobs are no longer accepted for this account\",\"type\":\"invalid_request_error\"}}");
    // "no longer accepted" mentions fine-tuning and refusal
    assertThatThrownBy(() -> service.jobs().create(request)).isInstanceOf(FineTuningUnavailableException.class);

    answer(403, "{\"error\":{\"message\":\"You have insufficient permissions for this operation. Missing scopes: api.fine_tuning.jobs.write\"}}");
    assertThatThrownBy(() -> service.jobs().create(request))
        .isInstanceOfSatisfying(FineTuningUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(FineTuningUnavailableException.Reason.KEY_PERMISSION));

    answer(400, "{\"error\":{\"message\":\"Model gpt-4o is not available for fine-tuning or does not exist.\",\"param\":\"model\",\"code\":\"model_not_available\"}}");
    assertThatThrownBy(() -> service.jobs().create(request))
        .isInstanceOfSatisfying(FineTuningUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(FineTuningUnavailableException.Reason.BASE_MODEL));

    answer(400, "{\"error\":{\"message\":\"File file-abc is not ready\",\"param\":\"training_file\",\"code\":\"invalid_file\"}}");
    assertThatThrownBy(() -> service.jobs().create(request))
        .isInstanceOf(TrainingFileRejectedException.class)
        .hasMessageContaining("not ready");

    answer(429, "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}");
    assertThatThrownBy(() -> service.jobs().create(request))
        .isInstanceOf(InsufficientQuotaException.class)
        .hasMessageContaining("add credit");
    assertThat(time.waits()).isEmpty(); // none of these was retried
  }

  @Test
  void waitForReportsStatusChangesEventsAndMetricsThenReturnsTheFinalJob() throws Exception {
    try (OpenAiEmulator fake = OpenAiEmulator.start()) {
      FineTuningService service = TestClients.service(fake, time);
      java.nio.file.Path file = java.nio.file.Files.createTempFile("train", ".jsonl");
      java.nio.file.Files.writeString(file, "{}\n");
      String fileId = service.files().upload(file).id();
      java.nio.file.Files.delete(file);
      String jobId = service.jobs().create(CreateJobRequest.builder("gpt-4o-mini", fileId).build()).id();
      fake.jobs().addEvent(jobId, "Validating training file");

      List<String> heard = new ArrayList<>();
      JobListener listener = new JobListener() {
        int polls;

        @Override
        public void onStatus(FineTuningJob job, Optional<String> previous) {
          heard.add("status " + previous.orElse("-") + "->" + job.status());
        }

        @Override
        public void onEvent(FineTuningJob job, JobEvent event) {
          heard.add("event " + event.message());
          // move the emulated job along as each poll sees it, without the lifecycle's own events
          if (++polls == 1) {
            fake.jobs().edit(jobId, e -> e.status("running"));
            fake.jobs().addEvent(jobId, "metrics", "Step 1/2", Map.of("step", 1, "total_steps", 2, "train_loss", 2.5));
            fake.jobs().addEvent(jobId, "metrics", "Step 2/2", Map.of("step", 2, "total_steps", 2, "train_loss", 1.25));
          } else if (polls == 3) {
            fake.jobs().edit(jobId, e -> e.status("succeeded").fineTunedModel("ft:gpt-4o-mini:org:jung:abc"));
            fake.jobs().addEvent(jobId, "The job has successfully completed");
          }
        }

        @Override
        public void onMetrics(FineTuningJob job, TrainingMetrics metrics) {
          heard.add("metrics step " + metrics.step().orElseThrow() + " loss " + metrics.trainLoss().orElseThrow());
        }
      };
      FineTuningJob done = service.jobs().waitFor(jobId, WaitOptions.DEFAULT, listener);

      assertThat(done.succeeded()).isTrue();
      assertThat(done.fineTunedModel()).contains("ft:gpt-4o-mini:org:jung:abc");
      assertThat(heard).containsExactly(
          "status -->validating_files",
          "event Validating training file",
          "status validating_files->running",
          "event Step 1/2",
          "metrics step 1 loss 2.5",
          "event Step 2/2",
          "metrics step 2 loss 1.25",
          "status running->succeeded",
          "event The job has successfully completed");
      // it slept between polls, with the initial interval after each change
      assertThat(time.waits()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
      service.client().close();
    }
  }

  @Test
  void waitForBacksOffWhileNothingChangesAndGivesUpAtTheDeadline() throws Exception {
    for (int i = 0; i < 50; i++) {
      answer(job("ftjob-5", "queued", ""));
    }
    WaitOptions options = WaitOptions.DEFAULT.withEvents(false).withTimeout(Duration.ofMinutes(10));
    assertThatThrownBy(() -> service.jobs().waitFor("ftjob-5", options, JobListener.NONE))
        .isInstanceOfSatisfying(FineTuningTimeoutException.class,
            e -> assertThat(e.job().status()).isEqualTo("queued"))
        .hasMessageContaining("still queued")
        .hasMessageContaining("keeps running");
    List<Duration> waits = time.waits();
    assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(waits.get(1)).isEqualTo(Duration.ofMillis(7500));
    assertThat(waits).contains(Duration.ofSeconds(60));
    assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void waitForToleratesAFewFailedPolls() throws Exception {
    answer(job("ftjob-6", "running", ""));
    // the client retries twice itself; three 503s exhaust one poll
    answer(503, "{\"error\":{\"message\":\"overloaded\"}}");
    answer(503, "{\"error\":{\"message\":\"overloaded\"}}");
    answer(503, "{\"error\":{\"message\":\"overloaded\"}}");
    answer(job("ftjob-6", "succeeded", "\"fine_tuned_model\":\"ft:x:org:jung:1\""));
    FineTuningJob done = service.jobs().waitFor("ftjob-6", WaitOptions.DEFAULT.withEvents(false), JobListener.NONE);
    assertThat(done.succeeded()).isTrue();
  }

  @Test
  void waitForAsyncCompletesWithTheFinalJob() throws Exception {
    answer(job("ftjob-7", "running", ""));
    answer(job("ftjob-7", "failed", "\"error\":{\"code\":\"server_error\",\"message\":\"internal\",\"param\":null}"));
    FineTuningJob done = service.jobs()
        .waitForAsync("ftjob-7", WaitOptions.DEFAULT.withEvents(false), JobListener.NONE)
        .get(10, TimeUnit.SECONDS);
    assertThat(done.state()).isEqualTo(JobStatus.FAILED);
    assertThat(done.error().flatMap(JobError::code)).contains("server_error");
  }
}
