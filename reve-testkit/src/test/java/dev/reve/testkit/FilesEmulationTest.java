package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.error.BadRequestException;
import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.OpenAiClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FilesEmulationTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();

  @Test
  void anUploadIsStoredWithItsNamePurposeAndExactBytes() {
    String content = Calls.jsonl(30);
    Map<String, Object> answer = Calls.upload(openai.client(), "jung-0123.jsonl", "fine-tune", content);

    StoredFile stored = openai.emulator().files().all().get(0);
    assertThat(answer).containsEntry("id", stored.id()).containsEntry("object", "file")
        .containsEntry("filename", "jung-0123.jsonl").containsEntry("purpose", "fine-tune")
        .containsEntry("status", "processed");
    assertThat(((Number) answer.get("bytes")).longValue()).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
    assertThat(stored.text()).isEqualTo(content);
    assertThat(stored.bytes()).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
    EmulatedRequest request = openai.emulator().requests().received().get(0);
    assertThat(request.filename()).contains("jung-0123.jsonl");
    assertThat(request.purpose()).contains("fine-tune");
    assertThat(request.summary()).contains("POST files", "jung-0123.jsonl", "purpose fine-tune");
  }

  @Test
  void listPagesWithAfterLimitOrderAndPurpose() {
    OpenAiClient client = openai.client();
    for (int i = 0; i < 5; i++) {
      Calls.upload(client, "f" + i + ".jsonl", "fine-tune", Calls.jsonl(1));
    }
    Calls.upload(client, "notes.jsonl", "batch", Calls.jsonl(1));
    var ids = openai.emulator().files().all().stream().map(StoredFile::id).toList();

    Map<String, Object> first = Calls.get(client, "files", Map.of("purpose", "fine-tune", "limit", 2, "order", "asc"));
    assertThat(Calls.ids(first)).containsExactly(ids.get(0), ids.get(1));
    assertThat(first).containsEntry("has_more", true).containsEntry("first_id", ids.get(0)).containsEntry("last_id", ids.get(1));
    Map<String, Object> next = Calls.get(client, "files",
        Map.of("purpose", "fine-tune", "limit", 2, "order", "asc", "after", ids.get(1)));
    assertThat(Calls.ids(next)).containsExactly(ids.get(2), ids.get(3));
    Map<String, Object> last = Calls.get(client, "files",
        Map.of("purpose", "fine-tune", "limit", 2, "order", "asc", "after", ids.get(3)));
    assertThat(Calls.ids(last)).containsExactly(ids.get(4));
    assertThat(last).containsEntry("has_more", false);

    Map<String, Object> newestFirst = Calls.get(client, "files", Map.of());
    assertThat(Calls.ids(newestFirst)).hasSize(6).startsWith(ids.get(5), ids.get(4));
    assertThatThrownBy(() -> Calls.get(client, "files", Map.of("limit", 0))).isInstanceOf(BadRequestException.class);
  }

  @Test
  void retrieveContentAndDelete() throws Exception {
    OpenAiClient client = openai.client();
    String content = Calls.jsonl(3);
    String id = (String) Calls.upload(client, "freud.jsonl", "fine-tune", content).get("id");

    assertThat(Calls.get(client, "files/" + id, Map.of())).containsEntry("filename", "freud.jsonl");
    try (dev.reve.openai.spi.RawResponse raw =
        client.transport().raw(ApiRequest.get("files", id, "content").build(), dev.reve.openai.call.Cancellation.none())) {
      assertThat(new String(raw.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(content);
    }
    assertThat(Calls.delete(client, "files/" + id)).containsEntry("id", id).containsEntry("deleted", true);
    assertThat(openai.emulator().files().all()).isEmpty();
    assertThatThrownBy(() -> Calls.get(client, "files/" + id, Map.of()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.apiMessage()).contains("No such File object: " + id));
  }

  @Test
  void uploadsOpenAiWouldRefuseAreRefused() {
    OpenAiClient client = openai.client().newBuilder().maxRetries(0).build();
    try (client) {
      assertThatThrownBy(() -> Calls.upload(client, "data.csv", "fine-tune", "a,b\n"))
          .isInstanceOf(BadRequestException.class).hasMessageContaining("Must be .jsonl");
      assertThatThrownBy(() -> Calls.upload(client, "data.jsonl", "training", "{}\n"))
          .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("purpose"));
    }
    assertThat(openai.emulator().files().all()).isEmpty();
    assertThat(openai.emulator().requests().all()).hasSize(2).noneMatch(LoggedRequest::applied);
  }
}
