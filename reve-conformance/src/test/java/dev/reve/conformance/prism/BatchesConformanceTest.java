package dev.reve.conformance.prism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.conformance.support.NoNulls;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.batches.Batch;
import dev.reve.openai.batches.BatchInputLine;
import dev.reve.openai.batches.BatchListQuery;
import dev.reve.openai.batches.CreateBatchRequest;
import dev.reve.openai.files.FileListQuery;
import dev.reve.openai.files.FileService;
import dev.reve.openai.files.UploadProgressListener;
import dev.reve.openai.spi.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every batch call, and the batch file upload and download, against Prism: nothing rejected. */
@ExtendWith(PrismExtension.class)
class BatchesConformanceTest {
  @TempDir Path dir;

  private Path inputFile(OpenAiClient client) throws IOException {
    try (DreamAnalysts analysts = DreamAnalysts.builder(client).checkShutdownDates(false).build()) {
      String line = BatchInputLine.chat("jung/d1",
          analysts.requests("jung", analysts.defaultOptions()).request(Dream.of("I was falling."))).toJson();
      return Files.writeString(dir.resolve("batch-input.jsonl"), line + "\n", StandardCharsets.UTF_8);
    }
  }

  @Test
  void uploadCreateRetrieveCancelListAndDownload(PrismServer prism) throws IOException {
    try (OpenAiClient client = prism.staticClient()) {
      Path input = inputFile(client);
      String fileId = client.files()
          .upload(input, "batch-input.jsonl", FileService.BATCH, UploadProgressListener.NONE).id();
      Batch created = client.batches().create(CreateBatchRequest.builder(fileId)
          .metadata("reve_run", "r1").metadata("reve_part", "p1")
          .outputExpiresAfter(CreateBatchRequest.ExpiresAfter.seconds(86_400))
          .build());
      assertThat(created.id()).isNotBlank();
      assertThat(created.inputFileId()).isNotBlank();
      assertThat(created.counts().total()).isNotNegative();

      Batch retrieved = client.batches().retrieve("batch_abc123");
      assertThat(retrieved.state()).isNotNull();
      Batch cancelled = client.batches().cancel("batch_abc123");
      assertThat(cancelled.id()).isNotBlank();

      Page<Batch> page = client.batches().list(BatchListQuery.DEFAULT.withLimit(2).withAfter("batch_abc123"));
      assertThat(page.data()).isNotEmpty();
      NoNulls.assertNone(page);

      client.files().list(FileListQuery.BATCH);
      client.files().download("file-abc123", dir.resolve("output.jsonl"));
      assertThat(dir.resolve("output.jsonl")).exists();
      assertThat(prism.rejections()).as(prism.describeRejections()).isEmpty();
    }
  }

  @Test
  void dynamicBodiesParseAndListingStops(PrismServer prism) throws IOException {
    try (OpenAiClient client = prism.dynamicClient()) {
      Path input = inputFile(client);
      for (int round = 0; round < 6; round++) {
        String fileId = client.files()
            .upload(input, "batch-input.jsonl", FileService.BATCH, UploadProgressListener.NONE).id();
        NoNulls.assertNone(client.batches().create(CreateBatchRequest.builder(fileId.isBlank() ? "file-x" : fileId).build()));
        NoNulls.assertNone(client.batches().retrieve("batch_abc123"));
        NoNulls.assertNone(client.batches().cancel("batch_abc123"));
      }
      List<Batch> all = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> client.batches().listAll(BatchListQuery.DEFAULT.withLimit(5)).limit(40).toList());
      assertThat(all).hasSizeLessThanOrEqualTo(40);
      assertThat(prism.rejections()).as(prism.describeRejections()).isEmpty();
    }
  }
}
