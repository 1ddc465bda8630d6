package dev.reve.conformance.prism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.conformance.prism.PrismServer.Api;
import dev.reve.conformance.support.NoNulls;
import dev.reve.finetune.CreateJobRequest;
import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.JobCheckpoint;
import dev.reve.finetune.JobEvent;
import dev.reve.finetune.FineTuningTimeoutException;
import dev.reve.finetune.JobListQuery;
import dev.reve.finetune.JobListener;
import dev.reve.finetune.JobStatus;
import dev.reve.finetune.PriceEstimate;
import dev.reve.finetune.TogetherOptions;
import dev.reve.finetune.WaitOptions;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.spi.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Together AI's fine-tuning jobs as {@code FineTuningService} sends them on the Together provider,
 * checked by Prism against Together's published description: create in every training type and
 * method, the price estimate, list, retrieve, events, checkpoints and cancel, in the static and the
 * random-body modes. Every test ends with no request refused (the extension checks).
 */
class TogetherFineTuningConformanceTest {
  @RegisterExtension static final PrismExtension PRISM = PrismExtension.of(Api.TOGETHER);

  static final String JOB = "ft-01234567-89ab-cdef-0123-456789abcdef";
  private static final int DYNAMIC_ROUNDS = 8;

  static CreateJobRequest fullRequest() {
    return CreateJobRequest.builder(TogetherPrism.BASE_MODEL, "file-train123")
        .validationFile("file-valid456")
        .suffix("jung")
        .seed(42)
        .metadata("reve_analyst", "jung")
        .epochs(3)
        .batchSize(8)
        .learningRateMultiplier(1.8)
        .build();
  }

  static CreateJobRequest minimalRequest() {
    return CreateJobRequest.builder(TogetherPrism.BASE_MODEL, "file-train123").build();
  }

  /** Every combination of LoRA/full and SFT/DPO, with every option the request builder offers. */
  @ParameterizedTest
  @EnumSource(TogetherOptions.TrainingType.class)
  void createInEveryTrainingTypeAndMethod(TogetherOptions.TrainingType type, PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      for (TogetherOptions.Method method : TogetherOptions.Method.values()) {
        TogetherOptions options = TogetherOptions.DEFAULT.withTrainingType(type).withMethod(method);
        FineTuningService ft = TogetherPrism.service(prism, client, options);

        FineTuningJob full = ft.jobs().create(fullRequest());
        FineTuningJob minimal = ft.jobs().create(minimalRequest());

        // Prism's example for POST /fine-tunes is a completed job.
        assertThat(full.id()).isEqualTo("ft-01234567890123456789");
        assertThat(full.state()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(full.fineTunedModel()).contains("mynamespace/meta-llama/Llama-2-7b-hf-32162631");
        assertThat(full.createdAt()).isEqualTo(1684344945L);
        assertThat(full.finishedAt()).contains(1684349183L);
        assertThat(full.trainedTokens()).contains(850_000L);
        assertThat(full.hyperparameters().epochs().value().map(Number::intValue)).contains(3);
        NoNulls.assertNone(full);
        NoNulls.assertNone(minimal);
      }
    }
    assertThat(prism.requestCount()).isEqualTo(4);
  }

  @Test
  void estimatePriceInEveryTrainingTypeAndMethod(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      for (TogetherOptions.TrainingType type : TogetherOptions.TrainingType.values()) {
        for (TogetherOptions.Method method : TogetherOptions.Method.values()) {
          FineTuningService ft = TogetherPrism.service(
              prism, client, TogetherOptions.DEFAULT.withTrainingType(type).withMethod(method));
          PriceEstimate full = ft.jobs().estimatePrice(fullRequest()).orElseThrow();
          PriceEstimate minimal = ft.jobs().estimatePrice(minimalRequest()).orElseThrow();
          assertThat(full.allowedToProceed()).isTrue();
          assertThat(full.totalUsd()).isZero();
          assertThat(full.trainTokens()).contains(0L);
          NoNulls.assertNone(full);
          NoNulls.assertNone(minimal);
        }
      }
    }
    assertThat(prism.requestCount()).isEqualTo(8);
  }

  @Test
  void listRetrieveEventsCheckpointsAndCancel(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);

      Page<FineTuningJob> page = ft.jobs().list(JobListQuery.DEFAULT.withLimit(2).withMetadata("reve_analyst", "jung"));
      assertThat(page.data()).singleElement().satisfies(j -> assertThat(j.id()).isEqualTo("ft-01234567890123456789"));
      assertThat(page.more()).as("Together sends every job in one answer").isFalse();
      NoNulls.assertNone(page);

      FineTuningJob job = ft.jobs().retrieve(JOB);
      assertThat(job.status()).isEqualTo(JobStatus.QUEUED.wire());
      assertThat(job.trainingFile()).isEqualTo("string");
      assertThat(job.methodType()).contains("supervised");
      NoNulls.assertNone(job);

      Page<JobEvent> events = ft.jobs().events(JOB, null, 50);
      assertThat(events.data()).singleElement().satisfies(e -> {
        assertThat(e.id()).isEqualTo("string");
        assertThat(e.type()).contains("job_pending");
        assertThat(e.level()).as("Prism's example has level: null").isEqualTo("info");
      });
      NoNulls.assertNone(events);
      assertThat(ft.jobs().events(JOB, "string", 50).data()).as("no page after the first").isEmpty();

      Page<JobCheckpoint> checkpoints = ft.jobs().checkpoints(JOB, null, 10);
      assertThat(checkpoints.data()).singleElement().satisfies(c -> {
        assertThat(c.id()).isEqualTo(JOB + ":0");
        assertThat(c.fineTunedModelCheckpoint()).isEqualTo("string");
        assertThat(c.fineTuningJobId()).isEqualTo(JOB);
      });
      NoNulls.assertNone(checkpoints);

      NoNulls.assertNone(ft.jobs().cancel(JOB));
    }
    assertThat(prism.requestCount()).isEqualTo(5);
  }

  /**
   * Watching a job polls {@code GET fine-tunes/{id}} and its events; Prism's job stays pending,
   * so the wait ends at its deadline (virtual time) after polls that all conform.
   */
  @Test
  void waitingPollsTheJobAndItsEvents(PrismServer prism) {
    List<JobEvent> heard = new ArrayList<>();
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);
      JobListener listener = new JobListener() {
        @Override
        public void onEvent(FineTuningJob job, JobEvent event) {
          heard.add(event);
        }
      };
      assertThatThrownBy(() -> ft.jobs().waitFor(JOB, WaitOptions.DEFAULT.withTimeout(Duration.ofMinutes(10)), listener))
          .isInstanceOf(FineTuningTimeoutException.class);
    }
    assertThat(heard).as("the one example event, heard once").hasSize(1);
    assertThat(prism.requestCount()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void pauseAndResumeSendNothing(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);
      assertThatThrownBy(() -> ft.jobs().pause(JOB)).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("cannot pause");
      assertThatThrownBy(() -> ft.jobs().resume(JOB)).isInstanceOf(UnsupportedOperationException.class);
    }
    assertThat(prism.requestCount()).isZero();
  }

  @Test
  void asyncVariantsConform(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);
      assertThat(ft.jobs().createAsync(fullRequest()).join().id()).isNotEmpty();
      assertThat(ft.jobs().retrieveAsync(JOB).join().id()).isNotEmpty();
    }
    assertThat(prism.requestCount()).isEqualTo(2);
  }

  @Test
  void walksEndAfterOneAnswer(PrismServer prism) {
    try (OpenAiClient client = prism.dynamicClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);
      List<FineTuningJob> jobs = assertTimeoutPreemptively(
          Duration.ofSeconds(30), () -> ft.jobs().listAll(JobListQuery.DEFAULT.withLimit(2), 1_000).toList());
      List<JobEvent> events =
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ft.jobs().allEvents(JOB, 1_000).toList());
      NoNulls.assertNone(jobs);
      NoNulls.assertNone(events);
    }
    assertThat(prism.requestCount()).as("one list and one events request").isEqualTo(2);
  }

  /** Random bodies from Together's schemas: nulls, unknown statuses, odd times; nothing may throw. */
  @Test
  void dynamicBodiesParseTolerantly(PrismServer prism) {
    try (OpenAiClient client = prism.dynamicClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);
      for (int round = 0; round < DYNAMIC_ROUNDS; round++) {
        for (FineTuningJob job :
            List.of(ft.jobs().create(fullRequest()), ft.jobs().retrieve(JOB), ft.jobs().cancel(JOB))) {
          NoNulls.assertNone(job);
          job.state();
          job.hyperparameters();
          job.methodType();
          job.estimatedFinishTime();
          if (job.state() == JobStatus.FAILED) {
            assertThat(job.error()).isPresent();
          }
        }
        Page<FineTuningJob> page = ft.jobs().list(JobListQuery.DEFAULT);
        NoNulls.assertNone(page);
        page.data().forEach(FineTuningJob::state);
        Page<JobEvent> events = ft.jobs().events(JOB, null, 50);
        NoNulls.assertNone(events);
        events.data().forEach(JobEvent::metrics);
        NoNulls.assertNone(ft.jobs().checkpoints(JOB, null, 10));
        NoNulls.assertNone(ft.jobs().estimatePrice(fullRequest()).orElseThrow());
      }
    }
    assertThat(prism.requestCount()).isEqualTo(DYNAMIC_ROUNDS * 7);
  }
}
