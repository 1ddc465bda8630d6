package dev.reve.conformance.prism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.conformance.support.NoNulls;
import dev.reve.finetune.CreateJobRequest;
import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.JobCheckpoint;
import dev.reve.finetune.JobEvent;
import dev.reve.finetune.JobListQuery;
import dev.reve.finetune.JobStatus;
import dev.reve.openai.spi.Page;
import dev.reve.openai.OpenAiClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fine-tuning jobs against Prism: create with every option, list with paging, retrieve, events,
 * checkpoints, cancel, pause and resume. Prism's lists say {@code has_more: true} forever, so
 * every walk is capped.
 */
@ExtendWith(PrismExtension.class)
class FineTuningConformanceTest {
  static final String JOB = "ftjob-abc123";

  static CreateJobRequest fullRequest() {
    return CreateJobRequest.builder("gpt-4o-mini-2024-07-18", "file-train123")
        .validationFile("file-valid456")
        .suffix("jung")
        .seed(42)
        .metadata("analyst", "jung")
        .metadata("training_sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .epochs(3)
        .batchSize(8)
        .learningRateMultiplier(1.8)
        .build();
  }

  @Test
  void createWithMethodHyperparametersSuffixMetadataAndValidationFile(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningJob job = FineTuningService.of(client).jobs().create(fullRequest());

      assertThat(job.id()).isEqualTo("string");
      assertThat(job.state()).isEqualTo(JobStatus.VALIDATING_FILES);
      assertThat(job.methodType()).contains("supervised");
      assertThat(job.hyperparameters().epochs().isAuto()).isTrue();
      assertThat(job.error()).isPresent();
      NoNulls.assertNone(job);
    }
  }

  @Test
  void createWithAutomaticHyperparametersAndNothingOptional(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningJob job =
          FineTuningService.of(client)
              .jobs()
              .create(CreateJobRequest.builder("gpt-4o-mini-2024-07-18", "file-train123").build());
      assertThat(job.id()).isNotEmpty();
    }
  }

  @Test
  void listWithPagingParametersAndMetadataFilter(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      Page<FineTuningJob> page =
          FineTuningService.of(client)
              .jobs()
              .list(JobListQuery.DEFAULT.withLimit(2).withAfter("ftjob-abc000").withMetadata("analyst", "jung"));
      assertThat(page.data()).hasSize(1);
      assertThat(page.more()).as("Prism's example always says has_more").isTrue();
      NoNulls.assertNone(page);
    }
  }

  @Test
  void walkingAListThatSaysHasMoreForeverStops(PrismServer prism) {
    try (OpenAiClient client = prism.dynamicClient()) {
      FineTuningService ft = FineTuningService.of(client);
      List<FineTuningJob> jobs =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30), () -> ft.jobs().listAll(JobListQuery.DEFAULT.withLimit(2), 25).toList());
      List<JobEvent> events =
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ft.jobs().allEvents(JOB, 25).toList());
      assertThat(jobs).hasSizeLessThanOrEqualTo(25);
      assertThat(events).hasSizeLessThanOrEqualTo(25);
      NoNulls.assertNone(jobs);
      NoNulls.assertNone(events);
    }
  }

  @Test
  void retrieveEventsAndCheckpoints(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = FineTuningService.of(client);
      assertThat(ft.jobs().retrieve(JOB).id()).isEqualTo("string");

      Page<JobEvent> events = ft.jobs().events(JOB, "ftevent-1", 50);
      assertThat(events.data()).singleElement().satisfies(e -> assertThat(e.level()).isEqualTo("info"));
      NoNulls.assertNone(events);

      Page<JobCheckpoint> checkpoints = ft.jobs().checkpoints(JOB, "ftckpt-1", 10);
      assertThat(checkpoints.data()).singleElement().satisfies(c -> assertThat(c.stepNumber()).isZero());
      NoNulls.assertNone(checkpoints);
      assertThat(ft.jobs().events(JOB, null, null).data()).isNotEmpty();
      assertThat(ft.jobs().checkpoints(JOB, null, null).data()).isNotEmpty();
    }
  }

  @Test
  void cancelPauseAndResume(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = FineTuningService.of(client);
      NoNulls.assertNone(ft.jobs().cancel(JOB));
      NoNulls.assertNone(ft.jobs().pause(JOB));
      NoNulls.assertNone(ft.jobs().resume(JOB));
    }
  }

  @Test
  void asyncVariantsConform(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = FineTuningService.of(client);
      assertThat(ft.jobs().createAsync(fullRequest()).join().id()).isNotEmpty();
      assertThat(ft.jobs().retrieveAsync(JOB).join().id()).isNotEmpty();
    }
  }

  @Test
  void dynamicBodiesParseTolerantly(PrismServer prism) {
    try (OpenAiClient client = prism.dynamicClient()) {
      FineTuningService ft = FineTuningService.of(client);
      for (int round = 0; round < 8; round++) {
        for (FineTuningJob job :
            List.of(
                ft.jobs().create(fullRequest()),
                ft.jobs().retrieve(JOB),
                ft.jobs().cancel(JOB),
                ft.jobs().pause(JOB),
                ft.jobs().resume(JOB))) {
          NoNulls.assertNone(job);
          // Accessors that interpret the raw values must not throw on random ones.
          job.state();
          job.hyperparameters();
          job.methodType();
          job.estimatedFinishTime();
        }
        Page<JobEvent> events = ft.jobs().events(JOB, null, 50);
        NoNulls.assertNone(events);
        events.data().forEach(JobEvent::metrics);
        NoNulls.assertNone(ft.jobs().checkpoints(JOB, null, 10));
        NoNulls.assertNone(ft.jobs().list(JobListQuery.DEFAULT.withLimit(5)));
      }
    }
  }
}
