package dev.reve.conformance.prism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.conformance.support.NoNulls;
import dev.reve.openai.files.Deleted;
import dev.reve.openai.files.FileListQuery;
import dev.reve.finetune.FineTuningService;
import dev.reve.openai.spi.Page;
import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.OpenAiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Files: upload (multipart), list with paging, retrieve, delete and content, against Prism. */
@ExtendWith(PrismExtension.class)
class FilesConformanceTest {
  static final String TRAINING_LINE =
      "{\"messages\":[{\"role\":\"system\",\"content\":\"You are C. G. Jung.\"},"
          + "{\"role\":\"user\",\"content\":\"I dreamt of a snake in a well.\"},"
          + "{\"role\":\"assistant\",\"content\":\"The well reaches down into the unconscious.\"}]}\n";

  @TempDir Path dir;

  static Path trainingFile(Path dir, String name) throws IOException {
    return Files.writeString(dir.resolve(name), TRAINING_LINE.repeat(12), StandardCharsets.UTF_8);
  }

  @Test
  void uploadSendsTheMultipartFormTheDescriptionAllows(PrismServer prism) throws IOException {
    Path file = trainingFile(dir, "jung-train.jsonl");
    List<Long> progress = new ArrayList<>();
    try (OpenAiClient client = prism.staticClient()) {
      UploadedFile uploaded =
          FineTuningService.of(client).files().upload(file, (sent, total) -> progress.add(sent));

      assertThat(uploaded.id()).isEqualTo("string");
      assertThat(uploaded.status()).contains("uploaded");
      assertThat(progress).isNotEmpty().last().isEqualTo(Files.size(file));
      NoNulls.assertNone(uploaded);
    }
  }

  @Test
  void listWithEveryQueryParameter(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      Page<UploadedFile> page =
          FineTuningService.of(client)
              .files()
              .list(FileListQuery.FINE_TUNE.withLimit(2).withOrder("asc").withAfter("file-abc123"));

      assertThat(page.data()).hasSize(1);
      assertThat(page.lastId()).contains("file-abc456");
      NoNulls.assertNone(page);
    }
  }

  @Test
  void retrieveDeleteAndContent(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = FineTuningService.of(client);
      assertThat(ft.files().retrieve("file-abc123").id()).isEqualTo("string");

      Deleted deleted = ft.files().delete("file-abc123");
      assertThat(deleted.deleted()).isTrue();

      ByteArrayOutputStream content = new ByteArrayOutputStream();
      long bytes = ft.files().download("file-abc123", content);
      // The description types the content as a JSON string; Prism's example is "string".
      assertThat(content.toString(StandardCharsets.UTF_8)).isEqualTo("\"string\"");
      assertThat(bytes).isEqualTo(content.size());
    }
  }

  @Test
  void downloadToAPathReplacesTheTargetOnlyWhenComplete(PrismServer prism) throws IOException {
    Path target = dir.resolve("results.csv");
    Files.writeString(target, "old");
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService.of(client).files().download("file-abc123", target);
    }
    assertThat(Files.readString(target)).isEqualTo("\"string\"");
    try (var leftovers = Files.list(dir)) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("results.csv");
    }
  }

  @Test
  void dynamicBodiesParseTolerantlyAndPagingIsCapped(PrismServer prism) throws IOException {
    Path file = trainingFile(dir, "freud-train.jsonl");
    try (OpenAiClient client = prism.dynamicClient()) {
      FineTuningService ft = FineTuningService.of(client);
      for (int round = 0; round < 8; round++) {
        NoNulls.assertNone(ft.files().upload(file));
        NoNulls.assertNone(ft.files().list(FileListQuery.FINE_TUNE));
        NoNulls.assertNone(ft.files().retrieve("file-abc123"));
        NoNulls.assertNone(ft.files().delete("file-abc123"));
      }
      List<UploadedFile> all =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> ft.files().listAll(FileListQuery.FINE_TUNE.withLimit(3)).limit(40).toList());
      assertThat(all).hasSizeLessThanOrEqualTo(40);
      NoNulls.assertNone(all);
    }
  }
}
