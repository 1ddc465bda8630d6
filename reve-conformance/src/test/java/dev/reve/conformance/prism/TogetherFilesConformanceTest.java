package dev.reve.conformance.prism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.conformance.prism.PrismServer.Api;
import dev.reve.conformance.support.NoNulls;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.run.AnalystDataset;
import dev.reve.finetune.run.AnalystRun;
import dev.reve.finetune.run.FineTuneRun;
import dev.reve.finetune.run.RunState;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.files.FileChangedException;
import dev.reve.openai.files.UploadProgressListener;
import dev.reve.openai.files.UploadedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Together AI's files as the fine-tuning lifecycle uses them ({@code POST files/upload} as a
 * multipart form, {@code GET files} to find an upload whose answer was lost, {@code DELETE
 * files/{id}} for a file that changed while it was sent), and a durable run's start on the
 * Together provider, checked by Prism against Together's description.
 */
class TogetherFilesConformanceTest {
  @RegisterExtension static final PrismExtension PRISM = PrismExtension.of(Api.TOGETHER);

  private static final int DYNAMIC_ROUNDS = 8;

  @TempDir Path dir;

  @Test
  void uploadSendsTheFormTogethersDescriptionRequires(PrismServer prism) throws IOException {
    Path file = FilesConformanceTest.trainingFile(dir, "jung-train.jsonl");
    List<Long> progress = new ArrayList<>();
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);

      UploadedFile uploaded = ft.api().upload(file, "jung-0123abcd.jsonl", TogetherPrism.sha256(file),
          (sent, total) -> progress.add(sent), RequestOptions.NONE);

      assertThat(uploaded.id()).isEqualTo("string");
      assertThat(uploaded.filename()).isEqualTo("my_file.jsonl");
      assertThat(uploaded.purpose()).isEqualTo("fine-tune");
      assertThat(uploaded.failed()).isFalse();
      assertThat(progress).isNotEmpty().last().isEqualTo(Files.size(file));
      NoNulls.assertNone(uploaded);
    }
    assertThat(prism.requestCount()).isEqualTo(1);
  }

  @Test
  void findUploadedListsTogethersFiles(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);
      // Prism's example file is my_file.jsonl with 0 bytes.
      assertThat(ft.api().findUploaded("my_file.jsonl", 0)).hasValueSatisfying(NoNulls::assertNone);
      assertThat(ft.api().findUploaded("jung-0123abcd.jsonl", 1234)).isEmpty();
    }
    assertThat(prism.requestCount()).isEqualTo(2);
  }

  @Test
  void aFileThatChangedWhileSentIsDeletedAgain(PrismServer prism) throws IOException {
    Path file = FilesConformanceTest.trainingFile(dir, "freud-train.jsonl");
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);
      String checked = "0".repeat(64);

      assertThatThrownBy(() -> ft.api().upload(file, "freud.jsonl", checked, UploadProgressListener.NONE,
              RequestOptions.NONE))
          .isInstanceOf(FileChangedException.class)
          .hasMessageContaining("was deleted again");
    }
    assertThat(prism.requestCount()).as("the upload and its DELETE files/{id}").isEqualTo(2);
  }

  /**
   * A run's start on Together: check, look for earlier uploads, upload, the price estimate, look
   * for an earlier job, create; then a refreshed status. Every request conforms.
   */
  @Test
  void aRunStartsOnTogetherWithConformingRequests(PrismServer prism) throws IOException {
    Path state = dir.resolve("reve-finetune.json");
    List<AnalystDataset> datasets = List.of(
        AnalystDataset.of("jung", FilesConformanceTest.trainingFile(dir, "jung.jsonl")),
        AnalystDataset.of("freud", FilesConformanceTest.trainingFile(dir, "freud.jsonl")));
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);
      FineTuneRun run = FineTuneRun.builder(ft).stateFile(state).baseModel(TogetherPrism.BASE_MODEL).build();

      RunState started = run.start(datasets);
      RunState refreshed = run.status(true);

      for (String analyst : List.of("jung", "freud")) {
        AnalystRun entry = started.analyst(analyst).orElseThrow();
        assertThat(entry.training().fileId()).contains("string");
        assertThat(entry.jobId()).contains("ft-01234567890123456789");
        assertThat(entry.job().orElseThrow().providerKind().id()).isEqualTo("together");
        // GET fine-tunes/{id} answers another example job than POST fine-tunes; its status is read.
        assertThat(refreshed.analyst(analyst).orElseThrow().status()).contains("queued");
      }
      assertThat(Files.readString(state)).doesNotContain("sk-conformance");
    }
    assertThat(prism.requestCount()).as("requests the run sent").isGreaterThanOrEqualTo(10);
  }

  @Test
  void dynamicBodiesParseTolerantly(PrismServer prism) throws IOException {
    Path file = FilesConformanceTest.trainingFile(dir, "jung-train.jsonl");
    String sha = TogetherPrism.sha256(file);
    try (OpenAiClient client = prism.dynamicClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);
      for (int round = 0; round < DYNAMIC_ROUNDS; round++) {
        UploadedFile uploaded = ft.api().upload(file, "jung.jsonl", sha, UploadProgressListener.NONE, RequestOptions.NONE);
        NoNulls.assertNone(uploaded);
        uploaded.failed();
        ft.api().findUploaded("jung.jsonl", Files.size(file)).ifPresent(NoNulls::assertNone);
      }
    }
    assertThat(prism.requestCount()).isEqualTo(DYNAMIC_ROUNDS * 2);
  }

  /**
   * The Together suite can fail in both ways Together's description refuses: a form without a
   * required field (Prism answers the operation's 400 and names the field in {@code
   * sl-violations}), and a route the description does not have.
   */
  @Test
  void prismRefusesWhatTogethersDescriptionDoesNotAllow(PrismServer prism) throws IOException {
    Path file = FilesConformanceTest.trainingFile(dir, "jung-train.jsonl");
    try (OpenAiClient client = prism.staticClient()) {
      FineTuningService ft = TogetherPrism.service(prism, client);
      assertThatThrownBy(() -> ft.files().uploadForm("files/upload", Map.of("purpose", "fine-tune"), file,
              "jung.jsonl", UploadProgressListener.NONE, RequestOptions.NONE))
          .isInstanceOf(RuntimeException.class);
      // Together documents GET models (a list) but no GET models/{id}.
      assertThatThrownBy(() -> client.models().retrieve("mynamespace/jung-lora"))
          .isInstanceOf(NotFoundException.class);
    }
    assertThat(prism.rejections()).hasSize(2);
    assertThat(prism.describeRejections())
        .contains("POST /files/upload: Request body must have required property 'file_name'")
        .contains("GET /models/mynamespace%2Fjung-lora: not in the description");
    prism.clearRejections();
  }
}
