package dev.reve.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.MalformedResponseException;
import dev.reve.openai.error.ResponseTooLargeException;
import dev.reve.openai.error.StreamException;
import dev.reve.openai.internal.ErrorBodies;
import dev.reve.testing.ChatBodies;
import dev.reve.testing.MockOpenAi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Servers that echo the key, send endless bodies or pathological pages. */
class HostileServerTest {
  private static final String KEY = MockOpenAi.KEY;

  @RegisterExtension final MockOpenAi api = new MockOpenAi(b -> b.maxRetries(0));

  private static ChatRequest chat() {
    return ChatRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("a dream")).build();
  }

  @Test
  void theKeyEchoedIntoTypeCodeParamAndRequestIdOfAnErrorIsRedacted() {
    api.enqueue(new MockResponse.Builder().code(400)
        .addHeader("x-request-id", "req-Bearer " + KEY)
        .body("{\"error\":{\"message\":\"bad\",\"type\":\"Bearer " + KEY + "\",\"code\":\"" + KEY
            + "\",\"param\":\"Authorization: Bearer " + KEY + "\"}}").build());

    ApiException e = (ApiException) catchThrowable(() -> api.client().chat().create(chat()));

    assertThat(String.valueOf(e)).doesNotContain(KEY).doesNotContain("SECRET");
    assertThat(e.error().type().orElseThrow()).doesNotContain("SECRET").contains("[redacted]");
    assertThat(e.error().code().orElseThrow()).doesNotContain("SECRET");
    assertThat(e.error().param().orElseThrow()).doesNotContain("SECRET");
    assertThat(e.requestId().orElseThrow()).doesNotContain("SECRET");
  }

  @Test
  void aBearerTokenOtherThanOurKeyIsRedactedToo() {
    api.enqueue(new MockResponse.Builder().code(401)
        .body("{\"error\":{\"message\":\"proxy saw Authorization: Bearer other-token-XYZ123\"}}").build());

    Throwable e = catchThrowable(() -> api.client().chat().create(chat()));

    assertThat(e).hasMessageNotContaining("other-token-XYZ123").hasMessageContaining("[redacted]");
  }

  @Test
  void theKeyInTheRequestIdOfASuccessIsRedacted() {
    api.enqueue(new MockResponse.Builder().addHeader("x-request-id", KEY)
        .addHeader("Content-Type", "application/json")
        .body(ChatBodies.completion("gpt-4o", "hello", null, "stop", 1, 1)).build());

    ChatCompletion reply = api.client().chat().create(chat());

    assertThat(reply.responseMetadata().requestId().orElseThrow()).doesNotContain("SECRET");
  }

  @Test
  void theKeyInAStreamErrorEventAndInANonJsonChunkIsRedacted() {
    api.enqueue(StreamingTest.sse("event: error\ndata: {\"error\":{\"message\":\"m\",\"type\":\""
        + KEY + "\",\"code\":\"Bearer " + KEY + "\"}}\n\n"));
    api.enqueue(StreamingTest.sse("data: not json " + KEY + "\n\n"));

    StreamException event = (StreamException) catchThrowable(() -> api.client().chat().stream(chat(), t -> {}));
    MalformedResponseException chunk =
        (MalformedResponseException) catchThrowable(() -> api.client().chat().stream(chat(), t -> {}));

    assertThat(String.valueOf(event)).doesNotContain("SECRET");
    assertThat(event.type().orElse("")).doesNotContain("SECRET");
    assertThat(event.code().orElse("")).doesNotContain("SECRET");
    assertThat(String.valueOf(chunk)).doesNotContain("SECRET");
    assertThat(chunk.bodySnippet()).doesNotContain("SECRET");
  }

  @Test
  void anEndlessBodyFailsWithResponseTooLargeNamingTheLimit() throws Exception {
    try (EndlessServer server = new EndlessServer("application/json", "{\"id\":\"", "a")) {
      OpenAiClient client = OpenAiClient.builder().apiKey(KEY).maxRetries(0)
          .baseUrl(server.url()).maxResponseBytes(1 << 20).build();

      Throwable e = catchThrowable(() -> client.chat().create(chat()));

      assertThat(e).isInstanceOf(ResponseTooLargeException.class)
          .hasMessageContaining("1048576 bytes").hasMessageContaining("maxResponseBytes");
      assertThat(((ResponseTooLargeException) e).limitBytes()).isEqualTo(1 << 20);
      client.close();
    }
  }

  @Test
  void aDeclaredLengthAboveTheLimitFailsBeforeReading() {
    api.client(b -> b.maxResponseBytes(1000));
    api.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body(ChatBodies.completion("gpt-4o", "x".repeat(5000), null, "stop", 1, 1)).build());

    assertThat(catchThrowable(() -> api.client().chat().create(chat())))
        .isInstanceOf(ResponseTooLargeException.class).hasMessageContaining("1000 bytes");
  }

  @Test
  void anEndlessStreamEventFailsWithTheEventLimit() throws Exception {
    try (EndlessServer server = new EndlessServer("text/event-stream", "data: ", "a")) {
      OpenAiClient client = OpenAiClient.builder().apiKey(KEY).maxRetries(0)
          .baseUrl(server.url()).maxEventBytes(64 * 1024).build();

      Throwable e = catchThrowable(() -> client.chat().stream(chat(), t -> {}));

      assertThat(e).isInstanceOf(ResponseTooLargeException.class)
          .hasMessageContaining("65536 bytes").hasMessageContaining("maxEventBytes");
      client.close();
    }
  }

  @Test
  void eventsJustUnderTheEventLimitPassOverManySegmentsAndOneMoreByteFails() {
    // 400 events of 2,000 bytes (0.8 MB, about a hundred 8 KiB okio segments), CRLF line ends so
    // that some CR LF pairs are split across two reads; the limit counts each event on its own.
    int limit = 2_000;
    StringBuilder body = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      String prefix = "data: " + ChatBodies.chunk("gpt-4o", "", null);
      String text = String.valueOf((char) ('a' + i % 26)).repeat(limit - prefix.length());
      String event = "data: " + ChatBodies.chunk("gpt-4o", text, null);
      assertThat(event).hasSize(limit);
      body.append(event).append("\r\n\r\n");
      expected.append(text);
    }
    String done = "data: [DONE]\r\n\r\n";
    try (OpenAiClient client = OpenAiClient.builder().apiKey(KEY).maxRetries(0)
        .baseUrl(api.server().url("/v1/").toString()).maxEventBytes(limit).build()) {
      api.server().enqueue(eventStream(body + done));
      StringBuilder received = new StringBuilder();
      ChatCompletion completion = client.chat().stream(chat(), received::append);
      assertThat(received.toString()).isEqualTo(expected.toString());
      assertThat(completion.text()).contains(expected.toString());

      int overhead = ("data: " + ChatBodies.chunk("gpt-4o", "", null)).length();
      String tooLong = "data: " + ChatBodies.chunk("gpt-4o", "x".repeat(limit - overhead + 1), null);
      api.server().enqueue(eventStream(body + tooLong + "\r\n\r\n" + done));
      Throwable e = catchThrowable(() -> client.chat().stream(chat(), t -> {}));
      assertThat(tooLong).hasSize(limit + 1);
      assertThat(e).isInstanceOf(ResponseTooLargeException.class)
          .hasMessageContaining(limit + " bytes").hasMessageContaining("maxEventBytes");
    }
  }

  private static MockResponse eventStream(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
  }

  @Test
  void anEndlessStreamOfSmallEventsFailsWithTheResponseLimit() throws Exception {
    String event = "data: " + ChatBodies.chunk("gpt-4o", "more text ", null) + "\n\n";
    try (EndlessServer server = new EndlessServer("text/event-stream", "", event)) {
      OpenAiClient client = OpenAiClient.builder().apiKey(KEY).maxRetries(0)
          .baseUrl(server.url()).maxResponseBytes(1 << 20).build();

      Throwable e = catchThrowable(() -> client.chat().stream(chat(), t -> {}));

      assertThat(e).isInstanceOf(ResponseTooLargeException.class)
          .hasMessageContaining("1048576 bytes").hasMessageContaining("maxResponseBytes");
      client.close();
    }
  }

  @Test
  void anErrorPageTitleIsStillFound() {
    assertThat(ErrorBodies.parse("<html><head><TITLE lang=en>502 Bad\n Gateway</TITLE></head></html>")
            .message().orElseThrow())
        .isEqualTo("non-JSON error page: 502 Bad Gateway");
    assertThat(ErrorBodies.parse("<title>never closed").message().orElseThrow())
        .startsWith("non-JSON error body");
  }

  /** A guard against quadratic work, not a speed goal: the old regex needs minutes for this body. */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void titleExtractionIsLinearOnAPathologicalPage() {
    String body = "<title>".repeat(150_000);

    assertThat(ErrorBodies.parse(body).message().orElseThrow()).startsWith("non-JSON error body");
  }

  @Test
  void choicesNullIsAMalformedResponse() {
    api.enqueueJson(200, "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":null}");

    assertThat(catchThrowable(() -> api.client().chat().create(chat())))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("choices");
  }

  /** Answers every connection with headers and then the same bytes forever. */
  static final class EndlessServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    EndlessServer(String contentType, String start, String repeated) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      byte[] chunk = repeated.repeat(Math.max(1, 8192 / repeated.length())).getBytes(StandardCharsets.UTF_8);
      thread = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket s = socket.accept()) {
            InputStream in = s.getInputStream();
            in.read(new byte[65536]);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType
                + "\r\nConnection: close\r\n\r\n" + start).getBytes(StandardCharsets.UTF_8));
            while (true) {
              out.write(chunk);
            }
          } catch (IOException closed) {
            // the client hung up or the server stopped
          }
        }
      }, "endless-server");
      thread.setDaemon(true);
      thread.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/v1/";
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
