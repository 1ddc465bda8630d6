package dev.reve.openai.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.FinishReason;
import dev.reve.testing.MockOpenAi;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The batch calls on the wire, and our own line types. */
class BatchServiceTest {
  @RegisterExtension final MockOpenAi api = new MockOpenAi();

  private static final String BATCH = "{\"id\":\"batch_1\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
      + "\"input_file_id\":\"file-1\",\"completion_window\":\"24h\",\"status\":\"in_progress\","
      + "\"created_at\":1711471533,\"output_file_id\":null,\"request_counts\":{\"total\":10,\"completed\":3,"
      + "\"failed\":1},\"metadata\":{\"reve_run\":\"r1\",\"reve_part\":\"p1\"}}";

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void createSendsTheFieldsTheApiNames() throws Exception {
    api.server().enqueue(json(BATCH));
    try (OpenAiClient client = api.client()) {
      Batch batch = client.batches().create(CreateBatchRequest.builder("file-1")
          .metadata("reve_run", "r1")
          .outputExpiresAfter(CreateBatchRequest.ExpiresAfter.seconds(7200))
          .build());
      assertThat(batch.state()).isEqualTo(BatchStatus.IN_PROGRESS);
      assertThat(batch.counts().done()).isEqualTo(4);
      assertThat(batch.outputFileId()).isEmpty();
      RecordedRequest sent = api.server().takeRequest();
      assertThat(sent.getMethod()).isEqualTo("POST");
      assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/batches");
      assertThat(sent.getBody().utf8()).isEqualTo("{\"input_file_id\":\"file-1\",\"endpoint\":\"/v1/chat/completions\","
          + "\"completion_window\":\"24h\",\"metadata\":{\"reve_run\":\"r1\"},"
          + "\"output_expires_after\":{\"anchor\":\"created_at\",\"seconds\":7200}}");
    }
  }

  @Test
  void retrieveCancelAndListWithPaging() throws Exception {
    api.server().enqueue(json(BATCH));
    api.server().enqueue(json(BATCH.replace("in_progress", "cancelling")));
    api.server().enqueue(json("{\"object\":\"list\",\"data\":[" + BATCH + "],\"has_more\":true,\"last_id\":\"batch_1\"}"));
    api.server().enqueue(json("{\"object\":\"list\",\"data\":[" + BATCH.replace("batch_1", "batch_2")
        .replace("\"p1\"", "\"p2\"") + "],\"has_more\":false}"));
    try (OpenAiClient client = api.client()) {
      assertThat(client.batches().retrieve("batch_1").id()).isEqualTo("batch_1");
      assertThat(client.batches().cancel("batch_1").state()).isEqualTo(BatchStatus.CANCELLING);
      assertThat(client.batches().findByMetadata(Map.of("reve_part", "p2"))).map(Batch::id).hasValue("batch_2");
      assertThat(api.server().takeRequest().getUrl().encodedPath()).isEqualTo("/v1/batches/batch_1");
      assertThat(api.server().takeRequest().getUrl().encodedPath()).isEqualTo("/v1/batches/batch_1/cancel");
      assertThat(api.server().takeRequest().getUrl().query()).isEqualTo("limit=100");
      okhttp3.HttpUrl second = api.server().takeRequest().getUrl();
      assertThat(second.queryParameter("limit")).isEqualTo("100");
      assertThat(second.queryParameter("after")).isEqualTo("batch_1");
    }
  }

  @Test
  void statusesAndLimitsAreChecked() {
    assertThat(BatchStatus.of("expired").terminal()).isTrue();
    assertThat(BatchStatus.of("finalizing").terminal()).isFalse();
    assertThat(BatchStatus.of("paused")).isEqualTo(BatchStatus.UNKNOWN);
    assertThatThrownBy(() -> new BatchListQuery(java.util.Optional.of(101), java.util.Optional.empty()))
        .hasMessageContaining("1 to 100");
    assertThatThrownBy(() -> CreateBatchRequest.ExpiresAfter.seconds(60)).hasMessageContaining("3600");
  }

  @Test
  void inputLinesRoundTripAndRefuseStreaming() {
    ChatRequest request = ChatRequest.builder().model("gpt-4o-mini").addMessage(ChatMessage.user("Hi")).build();
    BatchInputLine line = BatchInputLine.chat("jung/d1", request);
    assertThat(line.toJson()).startsWith("{\"custom_id\":\"jung/d1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
        + "\"body\":{\"model\":\"gpt-4o-mini\"");
    assertThat(BatchInputLine.parse(line.toJson(), 1)).isEqualTo(line);
    assertThatThrownBy(() -> BatchInputLine.chat("x", request.asStream())).hasMessageContaining("cannot stream");
    assertThatThrownBy(() -> BatchInputLine.parse("{not json", 7))
        .isInstanceOf(MalformedBatchLineException.class).hasMessageContaining("line 7");
  }

  @Test
  void outputLinesReadAnswersAndFailures() {
    BatchOutputLine ok = BatchOutputLine.parse("{\"id\":\"r1\",\"custom_id\":\"jung/d1\",\"response\":{\"status_code\":200,"
        + "\"request_id\":\"req_1\",\"body\":{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":"
        + "\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"The house is"
        + " you.\"},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,"
        + "\"total_tokens\":9}}},\"error\":null}", 1);
    assertThat(ok.succeeded()).isTrue();
    assertThat(ok.chatCompletion().orElseThrow().finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(ok.response().orElseThrow().requestId()).hasValue("req_1");

    BatchOutputLine failed = BatchOutputLine.parse("{\"id\":\"r2\",\"custom_id\":\"jung/d2\",\"response\":{\"status_code\":"
        + "429,\"body\":{\"error\":{\"message\":\"Slow down\"}}},\"error\":null}", 2);
    assertThat(failed.chatCompletion()).isEmpty();
    assertThat(failed.failure()).hasValue("HTTP 429: Slow down");

    BatchOutputLine expired = BatchOutputLine.parse("{\"custom_id\":\"jung/d3\",\"response\":null,\"error\":"
        + "{\"code\":\"batch_expired\",\"message\":\"Not run in time.\"}}", 3);
    assertThat(expired.failure()).hasValue("Not run in time. (batch_expired)");
    assertThatThrownBy(() -> BatchOutputLine.parse("{\"id\":\"r4\"}", 4)).hasMessageContaining("line 4");
    assertThat(List.of(ok, failed, expired)).extracting(BatchOutputLine::customId).doesNotHaveDuplicates();
  }
}
