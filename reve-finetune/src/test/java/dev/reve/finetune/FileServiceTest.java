package dev.reve.finetune;

import dev.reve.openai.files.Deleted;
import dev.reve.openai.files.FileListQuery;
import dev.reve.openai.files.FileService;
import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.spi.Page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.testkit.VirtualTime;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import dev.reve.testkit.Replies;
import dev.reve.testkit.Requests;
import dev.reve.testkit.StoredFile;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FileServiceTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  private OpenAiEmulator fake;
  private MockWebServer server;
  private final VirtualTime time = TestClients.time();
  private FineTuningService service;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    fake = openai.emulator();
    server = fake.server();
    service = TestClients.service(fake, time);
  }

  @AfterEach
  void stop() {
    service.client().close();
  }

  private Path jsonl(String name, int lines) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append("{\"messages\":[{\"role\":\"user\",\"content\":\"dream ").append(i)
          .append("\"},{\"role\":\"assistant\",\"content\":\"reading ").append(i).append("\"}]}\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void uploadSendsMultipartWithBaseNamePurposeAndExactBytes() throws Exception {
    Path file = jsonl("jung.jsonl", 50);
    UploadedFile uploaded = service.files().upload(file);

    assertThat(uploaded.id()).startsWith("file-");
    assertThat(uploaded.filename()).isEqualTo("jung.jsonl");
    assertThat(uploaded.bytes()).isEqualTo(Files.size(file));
    StoredFile stored = fake.files().all().get(0);
    assertThat(stored.filename()).isEqualTo("jung.jsonl");
    assertThat(stored.purpose()).isEqualTo("fine-tune");
    assertThat(stored.content()).isEqualTo(Files.readAllBytes(file));
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TestClients.KEY);
  }

  @Test
  void progressReachesTheTotalAndNeverGoesBack() throws Exception {
    Path file = jsonl("freud.jsonl", 3000); // several 64 KiB chunks
    long size = Files.size(file);
    List<long[]> seen = new ArrayList<>();
    service.files().upload(file, (sent, total) -> seen.add(new long[] {sent, total}));

    assertThat(size).isGreaterThan(3 * 64 * 1024);
    assertThat(seen.size()).isGreaterThan(3);
    assertThat(seen.get(0)[0]).isZero();
    assertThat(seen.get(seen.size() - 1)[0]).isEqualTo(size);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)[0]).isGreaterThanOrEqualTo(seen.get(i - 1)[0]);
      assertThat(seen.get(i)[1]).isEqualTo(size);
    }
  }

  @Test
  void retriedUploadReopensTheFileAndSendsItWhole() throws Exception {
    Path file = jsonl("jung.jsonl", 200);
    fake.faults().failNext(Requests.to("POST", "files"), 1, Replies.error(503, "overloaded", "invalid_request_error", null));
    List<Long> starts = new ArrayList<>();
    service.files().upload(file, (sent, total) -> {
      if (sent == 0) {
        starts.add(total);
      }
    });

    assertThat(starts).hasSize(2);
    assertThat(time.waits()).hasSize(1);
    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getBodySize()).isEqualTo(second.getBodySize());
    assertThat(fake.files().all()).hasSize(1);
    assertThat(fake.files().all().get(0).content()).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void fileOverTheLimitIsRejectedBeforeAnythingIsSent() throws Exception {
    Path big = dir.resolve("huge.jsonl");
    try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
      raf.setLength(FileService.MAX_UPLOAD_BYTES + 1); // sparse: no disk is used
    }
    assertThatThrownBy(() -> service.files().upload(big))
        .isInstanceOf(TrainingFileRejectedException.class)
        .hasMessageContaining("over OpenAI's upload limit")
        .hasMessageContaining("nothing was sent");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void emptyAndMissingFilesAreRefusedLocally() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.jsonl"));
    assertThatThrownBy(() -> service.files().upload(empty))
        .isInstanceOf(TrainingFileRejectedException.class)
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> service.files().upload(dir.resolve("absent.jsonl")))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("absent.jsonl");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void serverRefusalOfTheFileIsTyped() throws Exception {
    Path file = jsonl("jung.jsonl", 2);
    fake.faults().failNext(Requests.to("POST", "files"), 1, Replies.error(400, "Invalid file format for Fine-Tuning API. Must be .jsonl"));
    assertThatThrownBy(() -> service.files().upload(file))
        .isInstanceOf(TrainingFileRejectedException.class)
        .hasMessageContaining("'jung.jsonl'")
        .hasMessageContaining("Invalid file format")
        .hasMessageContaining("validator")
        .hasMessageNotContaining(TestClients.KEY);
  }

  @Test
  void listSendsPagingParametersAndListAllWalksPages() throws Exception {
    for (int i = 0; i < 5; i++) {
      service.files().upload(jsonl("f" + i + ".jsonl", 1));
    }
    Page<UploadedFile> page = service.files().list(FileListQuery.FINE_TUNE.withLimit(2).withOrder("asc"));
    assertThat(page.data()).extracting(UploadedFile::filename).containsExactly("f0.jsonl", "f1.jsonl");
    assertThat(page.more()).isTrue();
    RecordedRequest listed = lastRequest();
    assertThat(listed.getUrl().queryParameter("purpose")).isEqualTo("fine-tune");
    assertThat(listed.getUrl().queryParameter("limit")).isEqualTo("2");
    assertThat(listed.getUrl().queryParameter("order")).isEqualTo("asc");

    List<UploadedFile> all = service.files().listAll(FileListQuery.FINE_TUNE.withLimit(2)).toList();
    assertThat(all).extracting(UploadedFile::filename)
        .containsExactly("f4.jsonl", "f3.jsonl", "f2.jsonl", "f1.jsonl", "f0.jsonl");
    long listCalls = fake.requests().all().stream().filter(l -> l.method().equals("GET")).count();
    assertThat(listCalls).isEqualTo(1 + 3);
  }

  @Test
  void retrieveDeleteAndDownload() throws Exception {
    Path file = jsonl("jung.jsonl", 40);
    UploadedFile uploaded = service.files().upload(file);

    assertThat(service.files().retrieve(uploaded.id()).filename()).isEqualTo("jung.jsonl");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long copied = service.files().download(uploaded.id(), out);
    assertThat(copied).isEqualTo(Files.size(file));
    assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(file));

    Path target = dir.resolve("out/copy.jsonl");
    assertThat(service.files().download(uploaded.id(), target)).isEqualTo(Files.size(file));
    assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(file));
    assertThat(lastRequest().getUrl().encodedPath()).isEqualTo("/v1/files/" + uploaded.id() + "/content");

    Deleted deleted = service.files().delete(uploaded.id());
    assertThat(deleted.deleted()).isTrue();
    assertThat(fake.files().all()).isEmpty();
  }

  @Test
  void failedDownloadLeavesNoPartialFile() throws Exception {
    Path target = dir.resolve("copy.jsonl");
    assertThatThrownBy(() -> service.files().download("file-missing", target))
        .isInstanceOf(dev.reve.openai.error.NotFoundException.class);
    try (var listing = Files.list(dir)) {
      assertThat(listing).isEmpty();
    }
  }

  @Test
  void findUploadedMatchesNameAndSize() throws Exception {
    Path file = jsonl("jung.jsonl", 3);
    UploadedFile uploaded = service.files().upload(file);
    assertThat(service.files().findUploaded("jung.jsonl", Files.size(file))).contains(uploaded);
    assertThat(service.files().findUploaded("jung.jsonl", Files.size(file) + 1)).isEmpty();
    assertThat(service.files().findUploaded("freud.jsonl", Files.size(file))).isEmpty();
  }

  private RecordedRequest lastRequest() throws InterruptedException {
    RecordedRequest last = null;
    RecordedRequest next;
    while ((next = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      last = next;
    }
    return last;
  }
}
