package dev.reve.analysis;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.spi.Json;
import dev.reve.testing.FakeSleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Responses, requests and clients shared by the analysis tests. */
final class Fixtures {
  static final String API_KEY = "sk-test-analysis-0123456789";
  static final JsonAdapter<Map<String, Object>> MAP =
      Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  static final JsonAdapter<Object> ANY = Json.MOSHI.adapter(Object.class);

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

  /** A resolver that sees only the given environment, no system properties and no file. */
  static ModelResolver.Builder resolver(Map<String, String> env) {
    return ModelResolver.builder()
        .environment(env)
        .systemProperties(new java.util.Properties())
        .withoutModelsFile();
  }

  /** The body of a chat completion with one choice. */
  static String completion(String model, String content, String refusal, String finish) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", content);
    message.put("refusal", refusal);
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", finish);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", "chatcmpl-1");
    body.put("object", "chat.completion");
    body.put("created", 1_760_000_000);
    body.put("model", model);
    body.put("choices", List.of(choice));
    body.put("usage", Map.of("prompt_tokens", 420, "completion_tokens", 510, "total_tokens", 930));
    return Json.MOSHI.adapter(Object.class).serializeNulls().toJson(body);
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

  /** A server-sent event stream of {@code pieces}, then a usage chunk and [DONE]. */
  static MockResponse stream(String model, String finish, String... pieces) {
    StringBuilder sse = new StringBuilder();
    for (String piece : pieces) {
      sse.append("data: ")
          .append(
              ANY.toJson(
                  Map.of(
                      "id",
                      "chatcmpl-s",
                      "model",
                      model,
                      "choices",
                      List.of(Map.of("index", 0, "delta", Map.of("content", piece))))))
          .append("\n\n");
    }
    Map<String, Object> last = new LinkedHashMap<>();
    last.put("index", 0);
    last.put("delta", Map.of());
    last.put("finish_reason", finish);
    sse.append("data: ")
        .append(ANY.toJson(Map.of("id", "chatcmpl-s", "model", model, "choices", List.of(last))))
        .append("\n\n");
    sse.append("data: ")
        .append(
            ANY.toJson(
                Map.of(
                    "id",
                    "chatcmpl-s",
                    "model",
                    model,
                    "choices",
                    List.of(),
                    "usage",
                    Map.of("prompt_tokens", 400, "completion_tokens", 12, "total_tokens", 412))))
        .append("\n\n");
    sse.append("data: [DONE]\n\n");
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
