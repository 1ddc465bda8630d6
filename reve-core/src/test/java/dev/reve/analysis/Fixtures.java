package dev.reve.analysis;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.spi.Json;
import dev.reve.testing.ChatBodies;
import dev.reve.testing.FakeSleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Responses, requests and clients shared by the analysis tests. */
final class Fixtures {
  static final String API_KEY = "sk-test-analysis-0123456789";
  static final JsonAdapter<Map<String, Object>> MAP =
      Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  static final Dream DREAM =
      Dream.builder("I was back at school and the exam had started without me.")
          .title("The exam")
          .build();

  private Fixtures() {}

  /** A client for {@code server} that never retries. */
  static OpenAiClient client(MockWebServer server) {
    return OpenAiClient.builder()
        .baseUrl(server.url("/v1/").toString())
        .apiKey(API_KEY)
        .maxRetries(0)
        .sleeper(new FakeSleeper())
        .build();
  }

  /**
   * The chat (non-reasoning) base model most tests run on; the reasoning default has tests of its
   * own (ReasoningModelTest).
   */
  static final String CHAT_BASE = "gpt-4o-2024-08-06";

  /**
   * A resolver that sees only the given environment, no system properties and no file; the base
   * model is {@link #CHAT_BASE} unless the environment names one.
   */
  static ModelResolver.Builder resolver(Map<String, String> env) {
    Map<String, String> withBase = new java.util.HashMap<>(env);
    withBase.putIfAbsent(ModelResolver.BASE_MODEL_ENV, CHAT_BASE);
    return ModelResolver.builder()
        .environment(withBase)
        .systemProperties(new java.util.Properties())
        .withoutModelsFile();
  }

  /** The body of a chat completion with one choice. */
  static String completion(String model, String content, String refusal, String finish) {
    return ChatBodies.completion(model, content, refusal, finish, 420, 510);
  }

  /** A 200 response with a finished answer. */
  static MockResponse answer(String model, String text) {
    return ok(completion(model, text, null, "stop"), "req-" + model);
  }

  /** A 200 response with a JSON body and a request id. */
  static MockResponse ok(String body, String requestId) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .addHeader("x-request-id", requestId)
        .body(body)
        .build();
  }

  /** OpenAI's answer for a model that does not exist. */
  static MockResponse modelNotFound(String model) {
    return new MockResponse.Builder()
        .code(404)
        .addHeader("Content-Type", "application/json")
        .body(
            "{\"error\":{\"message\":\"The model `"
                + model
                + "` does not exist or you do not have access to it.\",\"type\":"
                + "\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}")
        .build();
  }

  /** {@code GET /models}: these ids, the first with a shutdown date in the past. */
  static MockResponse modelList(String... ids) {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      data.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids[i])
          .append("\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\"")
          .append(i == 0 ? ",\"shutdown_date\":\"2025-01-01\"" : "").append("}");
    }
    return ok("{\"object\":\"list\",\"data\":[" + data + "]}", "req_models");
  }

  /** A server-sent event stream of {@code pieces}, then a usage chunk and [DONE]. */
  static MockResponse stream(String model, String finish, String... pieces) {
    StringBuilder sse = new StringBuilder();
    for (String piece : pieces) {
      sse.append(ChatBodies.event(ChatBodies.chunk(model, piece, null)));
    }
    sse.append(ChatBodies.event(ChatBodies.chunk(model, null, finish)));
    sse.append(ChatBodies.event(ChatBodies.usageChunk(model, 400, 12)));
    sse.append(ChatBodies.event("[DONE]"));
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "text/event-stream")
        .addHeader("x-request-id", "req-stream")
        .body(sse.toString())
        .build();
  }

  /** The request body as a map. */
  static Map<String, Object> body(RecordedRequest request) {
    try {
      return MAP.fromJson(request.getBody().utf8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
