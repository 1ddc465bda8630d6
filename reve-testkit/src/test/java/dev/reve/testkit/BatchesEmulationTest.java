package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.batches.Batch;
import dev.reve.openai.batches.BatchListQuery;
import dev.reve.openai.batches.BatchOutputLine;
import dev.reve.openai.batches.BatchStatus;
import dev.reve.openai.batches.CreateBatchRequest;
import dev.reve.openai.error.BadRequestException;
import dev.reve.openai.error.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The emulator's /batches: validation, lifecycle, output and error files, paging. */
class BatchesEmulationTest {
  private static String line(String id, String model) {
    return "{\"custom_id\":\"" + id + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\""
        + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"I dreamt of " + id + ".\"}]}}\n";
  }

  private static String content(OpenAiClient client, String fileId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.files().download(fileId, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBatchRunsItsLinesThroughTheChatRoute() {
    try (OpenAiEmulator api = OpenAiEmulator.builder().advanceBatchesOnRetrieve(false).start()) {
      OpenAiClient client = api.client();
      String file = api.files().add("in.jsonl", "batch",
          (line("a", "gpt-4o-mini") + line("b", "no-such-model") + line("c", "gpt-4o-mini"))
              .getBytes(StandardCharsets.UTF_8)).id();
      api.batches().failLines(id -> id.equals("c"), 503, "Busy.");
      Batch created = client.batches().create(CreateBatchRequest.builder(file).metadata("k", "v").build());
      assertThat(created.state()).isEqualTo(BatchStatus.VALIDATING);
      assertThat(created.metadata()).containsEntry("k", "v");
      assertThat(api.batches().advance(created.id()).status()).isEqualTo("in_progress");
      assertThat(api.batches().advance(created.id()).status()).isEqualTo("finalizing");
      assertThat(api.batches().advance(created.id()).status()).isEqualTo("completed");

      Batch done = client.batches().retrieve(created.id());
      assertThat(done.counts()).isEqualTo(new dev.reve.openai.batches.BatchRequestCounts(3, 1, 2));
      assertThat(done.completedAt()).isPresent();
      List<BatchOutputLine> output = content(client, done.outputFileId().orElseThrow()).lines()
          .map(l -> BatchOutputLine.parse(l, 1)).toList();
      assertThat(output).singleElement().satisfies(l -> {
        assertThat(l.customId()).isEqualTo("a");
        assertThat(l.chatCompletion().orElseThrow().text()).isPresent();
      });
      List<BatchOutputLine> errors = content(client, done.errorFileId().orElseThrow()).lines()
          .map(l -> BatchOutputLine.parse(l, 1)).toList();
      assertThat(errors).extracting(l -> l.response().orElseThrow().statusCode()).containsExactly(404, 503);
      assertThat(errors.get(0).failure().orElseThrow()).contains("no-such-model");
    }
  }

  @Test
  void badInputFailsValidationNamingTheLine() {
    try (OpenAiEmulator api = OpenAiEmulator.start()) {
      OpenAiClient client = api.client();
      String file = api.files().add("in.jsonl", "batch",
          (line("a", "gpt-4o-mini") + line("a", "gpt-4o-mini")).getBytes(StandardCharsets.UTF_8)).id();
      Batch failed = client.batches().create(CreateBatchRequest.builder(file).build());
      assertThat(failed.state()).isEqualTo(BatchStatus.FAILED);
      assertThat(failed.errors().orElseThrow().data()).singleElement().satisfies(e -> {
        assertThat(e.code()).isEqualTo("duplicate_custom_id");
        assertThat(e.line()).hasValue(2);
      });
      String tuning = api.files().add("t.jsonl", "fine-tune", "{}".getBytes(StandardCharsets.UTF_8)).id();
      assertThatThrownBy(() -> client.batches().create(CreateBatchRequest.builder(tuning).build()))
          .isInstanceOf(BadRequestException.class).hasMessageContaining("purpose 'batch'");
      assertThatThrownBy(() -> client.batches().retrieve("batch_nope")).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> client.batches().cancel(failed.id())).hasMessageContaining("Cannot cancel");
    }
  }

  @Test
  void listingPagesNewestFirstAndRetrievalAdvancesByDefault() {
    try (OpenAiEmulator api = OpenAiEmulator.start()) {
      OpenAiClient client = api.client();
      String file = api.files().add("in.jsonl", "batch", line("a", "gpt-4o-mini").getBytes(StandardCharsets.UTF_8)).id();
      for (int i = 0; i < 5; i++) {
        client.batches().create(CreateBatchRequest.builder(file).build());
      }
      assertThat(client.batches().list(BatchListQuery.DEFAULT.withLimit(2)).data()).extracting(Batch::id)
          .containsExactly("batch_emu5", "batch_emu4");
      assertThat(client.batches().listAll(BatchListQuery.DEFAULT.withLimit(2)).toList()).hasSize(5);
      BatchStatus status = BatchStatus.VALIDATING;
      for (int i = 0; i < 5 && !status.terminal(); i++) {
        status = client.batches().retrieve("batch_emu1").state();
      }
      assertThat(status).isEqualTo(BatchStatus.COMPLETED);
    }
  }
}
