package dev.reve.conformance.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.conformance.support.NoNulls;
import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.Hyperparameter;
import dev.reve.finetune.JobCheckpoint;
import dev.reve.openai.spi.Page;
import dev.reve.openai.OpenAiClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values a server may send that a request may not: the limits OpenAI's description puts on
 * requests must not make reading a response fail (Prism's random bodies found this).
 */
class ServerValuesTest {
  private final MockWebServer server = new MockWebServer();
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = OpenAiClient.builder().baseUrl(server.url("/v1/").toString()).apiKey("sk-test-key-1234567").build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void hyperparametersOutsideTheRequestLimitsStillRead() {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"id\":\"ftjob-1\",\"object\":\"fine_tuning.job\",\"status\":\"running\","
                    + "\"model\":\"gpt-4o-mini-2024-07-18\",\"training_file\":\"file-1\","
                    + "\"method\":{\"type\":\"supervised\",\"supervised\":{\"hyperparameters\":"
                    + "{\"n_epochs\":3,\"batch_size\":1000,\"learning_rate_multiplier\":-3.5}}},"
                    + "\"hyperparameters\":{\"n_epochs\":2.5}}")
            .build());

    FineTuningJob job = FineTuningService.of(client).jobs().retrieve("ftjob-1");

    NoNulls.assertNone(job);
    assertThat(job.hyperparameters().epochs()).isEqualTo(Hyperparameter.of(3));
    assertThat(job.hyperparameters().batchSize().isAuto()).isTrue();
    assertThat(job.hyperparameters().learningRateMultiplier().isAuto()).isTrue();
    assertThat(job.methodType()).contains("supervised");
  }

  /**
   * The description types checkpoint metrics' {@code step} as any number; the SDK keeps it as an
   * integer. A fraction must not make the whole page unreadable (Prism's random bodies found it).
   */
  @Test
  void aFractionWhereTheSdkKeepsAnIntegerStillReads() {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"object\":\"list\",\"has_more\":false,\"data\":[{\"object\":"
                    + "\"fine_tuning.job.checkpoint\",\"id\":\"ftckpt-1\",\"created_at\":1764072000.75,"
                    + "\"step_number\":9007199254740993,\"fine_tuning_job_id\":\"ftjob-1\","
                    + "\"fine_tuned_model_checkpoint\":\"ft:gpt-4o-mini:reve::ckpt-step-12\","
                    + "\"metrics\":{\"step\":12.5,\"train_loss\":0.41}}]}")
            .build());

    Page<JobCheckpoint> page = FineTuningService.of(client).jobs().checkpoints("ftjob-1", null, null);

    JobCheckpoint checkpoint = page.data().get(0);
    assertThat(checkpoint.metrics().step()).contains(12L);
    assertThat(checkpoint.metrics().trainLoss()).contains(0.41);
    assertThat(checkpoint.createdAt()).isEqualTo(1764072000L);
    assertThat(checkpoint.stepNumber()).as("large integers stay exact").isEqualTo(9007199254740993L);
  }
}
