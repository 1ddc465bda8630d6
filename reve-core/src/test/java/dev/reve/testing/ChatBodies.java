package dev.reve.testing;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canned chat-completion bodies for reve-core's own tests, which cannot use reve-testkit's {@code
 * ChatCompletionBodies} (reve-testkit depends on reve-core). Every other module uses that one.
 */
public final class ChatBodies {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private ChatBodies() {}

  /** A {@code chat.completion} with one choice; {@code content} or {@code refusal} may be null. */
  public static String completion(String model, String content, String refusal, String finishReason,
      int promptTokens, int completionTokens) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", content);
    message.put("refusal", refusal);
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", finishReason);
    Map<String, Object> body = head("chatcmpl-1", "chat.completion", model);
    body.put("choices", List.of(choice));
    body.put("usage", usage(promptTokens, completionTokens));
    return JSON.toJson(body);
  }

  /** A {@code chat.completion.chunk} whose delta carries {@code content} (or nothing), with a finish reason or null. */
  public static String chunk(String model, String content, String finishReason) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", content == null ? Map.of() : Map.of("content", content));
    choice.put("finish_reason", finishReason);
    Map<String, Object> chunk = head("chatcmpl-s", "chat.completion.chunk", model);
    chunk.put("choices", List.of(choice));
    return JSON.toJson(chunk);
  }

  /** The last chunk of a stream that asked for usage: no choices, the usage. */
  public static String usageChunk(String model, int promptTokens, int completionTokens) {
    Map<String, Object> chunk = head("chatcmpl-s", "chat.completion.chunk", model);
    chunk.put("choices", List.of());
    chunk.put("usage", usage(promptTokens, completionTokens));
    return JSON.toJson(chunk);
  }

  /** One server-sent event, {@code data: <data>} and a blank line. */
  public static String event(String data) {
    return "data: " + data + "\n\n";
  }

  private static Map<String, Object> head(String id, String object, String model) {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("id", id);
    head.put("object", object);
    head.put("created", 1_760_000_000L);
    head.put("model", model);
    return head;
  }

  private static Map<String, Object> usage(int prompt, int completion) {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    return usage;
  }
}
