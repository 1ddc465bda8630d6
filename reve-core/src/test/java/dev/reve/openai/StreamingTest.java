package dev.reve.openai;

import dev.reve.openai.error.MalformedResponseException;
import dev.reve.openai.error.StreamException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.FinishReason;
import dev.reve.testing.ChatBodies;
import dev.reve.testing.MockOpenAi;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamingTest {
  @RegisterExtension final MockOpenAi api = new MockOpenAi();
  private final List<String> deltas = new ArrayList<>();


  @BeforeEach
  void start() {
  }

  static String chunk(String content, String finish) {
    return ChatBodies.chunk("gpt-4o", content, finish);
  }

  static final String USAGE = ChatBodies.usageChunk("gpt-4o", 10, 3);

  static MockResponse sse(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "text/event-stream")
        .addHeader("x-request-id", "req_stream")
        .body(body)
        .build();
  }

  private ChatCompletion stream() {
    return api.client().chat().stream(
        ChatRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("tell")).build(),
        deltas::add);
  }

  @Test
  void deliversDeltasAndAssemblesTheCompletionWithUsage() throws Exception {
    api.server().enqueue(sse(
        ": keep-alive comment\n\n"
            + "data: " + chunk("Hel", null) + "\n\n"
            + "event: message\ndata: " + chunk("lo", null) + "\n\n"
            + "id: 7\ndata: " + chunk(null, "stop") + "\n\n"
            + "data: " + USAGE + "\n\n"
            + "data: [DONE]\n\n"));

    ChatCompletion reply = stream();

    assertThat(deltas).containsExactly("Hel", "lo");
    assertThat(reply.text()).contains("Hello");
    assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(reply.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isEqualTo(13));
    assertThat(reply.requestId()).contains("req_stream");
    RecordedRequest request = api.server().takeRequest();
    String body = request.getBody().utf8();
    assertThat(body).contains("\"stream\":true", "\"include_usage\":true");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
  }

  @Test
  void anErrorEventRaisesATypedException() {
    api.server().enqueue(sse(
        "data: " + chunk("Hel", null) + "\n\n"
            + "event: error\ndata: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\","
            + "\"code\":\"overloaded\"}}\n\n"));

    StreamException e = catchThrowableOfType(StreamException.class, this::stream);

    assertThat(e.truncated()).isFalse();
    assertThat(e.code()).contains("overloaded");
    assertThat(e.getMessage()).contains("overloaded");
    assertThat(deltas).containsExactly("Hel");
  }

  @Test
  void anErrorPayloadWithoutEventTypeIsAlsoAnError() {
    api.server().enqueue(sse("data: {\"error\":{\"message\":\"bad things\"}}\n\n"));

    StreamException e = catchThrowableOfType(StreamException.class, this::stream);

    assertThat(e.getMessage()).contains("bad things");
  }

  @Test
  void aStreamEndingBeforeDoneIsAnErrorNotATruncatedAnswer() {
    api.server().enqueue(sse("data: " + chunk("Hel", null) + "\n\n" + "data: " + chunk("lo", null) + "\n\n"));

    StreamException e = catchThrowableOfType(StreamException.class, this::stream);

    assertThat(e.truncated()).isTrue();
    assertThat(e.requestId()).contains("req_stream");
    assertThat(api.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void aStreamCutMidBodyAfterEventsIsNotRetried() {
    api.server().enqueue(new MockResponse.Builder()
        .addHeader("Content-Type", "text/event-stream")
        .body("data: " + chunk("Hel", null) + "\n\n" + "data: " + chunk("lo", null) + "\n\n"
            + "data: " + chunk("more text that will never arrive", null) + "\n\n")
        .throttleBody(64, 0, java.util.concurrent.TimeUnit.MILLISECONDS)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
        .build());

    StreamException e = catchThrowableOfType(StreamException.class, this::stream);

    assertThat(e.truncated()).isTrue();
    assertThat(api.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void failuresBeforeTheFirstEventAreRetried() {
    api.server().enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    api.server().enqueue(new MockResponse.Builder().code(503).build());
    api.server().enqueue(sse("data: " + chunk("ok", "stop") + "\n\ndata: [DONE]\n\n"));

    ChatCompletion reply = stream();

    assertThat(reply.text()).contains("ok");
    assertThat(reply.responseMetadata().attempts()).isEqualTo(3);
    assertThat(deltas).containsExactly("ok");
  }

  @Test
  void aJsonAnswerToAStreamRequestIsATypedError() {
    api.server().enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body(RetryTest.OK).build());

    catchThrowableOfType(MalformedResponseException.class, this::stream);
  }

  @Test
  void streamAsyncCompletesWithTheAssembledCompletion() throws Exception {
    api.server().enqueue(sse("data: " + chunk("async", "stop") + "\n\ndata: [DONE]\n\n"));

    ChatCompletion reply = api.client().chat()
        .streamAsync(ChatRequest.builder().model("m").addMessage(ChatMessage.user("x")).build(),
            deltas::add)
        .get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(reply.text()).contains("async");
  }
}
