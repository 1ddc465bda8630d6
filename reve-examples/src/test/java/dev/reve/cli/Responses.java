package dev.reve.cli;

import com.squareup.moshi.Moshi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/** OpenAI-shaped response bodies for the command tests. */
final class Responses {
  private static final Moshi MOSHI = new Moshi.Builder().build();

  private Responses() {}

  static String json(Object value) {
    return MOSHI.adapter(Object.class).serializeNulls().toJson(value);
  }

  /** A chat completion with one choice and usage 420 + 510. */
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
    return json(body);
  }

  static MockResponse ok(String body, String requestId) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .addHeader("x-request-id", requestId)
        .body(body)
        .build();
  }

  static MockResponse error(int code, String message, String errorCode, String requestId) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", code == 429 ? "insufficient_quota" : "invalid_request_error");
    error.put("param", null);
    error.put("code", errorCode);
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .addHeader("x-request-id", requestId)
        .body(json(Map.of("error", error)))
        .build();
  }

  static MockResponse modelNotFound(String model) {
    return error(404, "The model `" + model + "` does not exist or you do not have access to it.",
        "model_not_found", "req-404");
  }

  /** A server-sent event stream of {@code pieces}, a finish chunk, a usage chunk and [DONE]. */
  static MockResponse stream(String model, String finish, String... pieces) {
    StringBuilder sse = new StringBuilder();
    for (String piece : pieces) {
      sse.append("data: ").append(json(Map.of("id", "c", "model", model,
          "choices", List.of(Map.of("index", 0, "delta", Map.of("content", piece)))))).append("\n\n");
    }
    Map<String, Object> last = new LinkedHashMap<>();
    last.put("index", 0);
    last.put("delta", Map.of());
    last.put("finish_reason", finish);
    sse.append("data: ").append(json(Map.of("id", "c", "model", model, "choices", List.of(last))))
        .append("\n\n");
    sse.append("data: ").append(json(Map.of("id", "c", "model", model, "choices", List.of(),
        "usage", Map.of("prompt_tokens", 400, "completion_tokens", 12, "total_tokens", 412))))
        .append("\n\n");
    sse.append("data: [DONE]\n\n");
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "text/event-stream")
        .addHeader("x-request-id", "req-stream-" + model)
        .body(sse.toString())
        .build();
  }
}
