package dev.reve.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mockwebserver3.MockResponse;

/**
 * Canned chat-completion bodies in OpenAI's shape, for tests that script a server by hand
 * (MockWebServer, a dispatcher): a JSON {@code chat.completion}, a whole event stream, or single
 * chunks. The emulator writes its own answers with it too. Immutable; each setter returns a copy.
 *
 * <pre>{@code
 * server.enqueue(ChatCompletionBodies.text("It began with a river.").model("gpt-4o").response());
 * String sse = ChatCompletionBodies.text("Answer for a.").pieces("Answer ", "for a.").stream();
 * }</pre>
 */
public final class ChatCompletionBodies {
  private final String id;
  private final long created;
  private final String model;
  private final String content;
  private final String refusal;
  private final String finishReason;
  private final List<String> pieces;
  private final Map<String, Object> usage;

  private ChatCompletionBodies(String id, long created, String model, String content, String refusal,
      String finishReason, List<String> pieces, Map<String, Object> usage) {
    this.id = id;
    this.created = created;
    this.model = model;
    this.content = content;
    this.refusal = refusal;
    this.finishReason = finishReason;
    this.pieces = pieces;
    this.usage = usage;
  }

  /**
   * An answer with {@code content}, finish reason {@code stop}, model {@code gpt-4o-mini}, id
   * {@code chatcmpl-1}, created 2026-01-01 and usage 21 + 9 tokens.
   */
  public static ChatCompletionBodies text(String content) {
    return new ChatCompletionBodies("chatcmpl-1", VirtualTime.DEFAULT_START.getEpochSecond(), "gpt-4o-mini",
        Objects.requireNonNull(content, "content"), null, "stop", null, WireShapes.usage(21, 9));
  }

  /** A refusal: no content, the refusal text, finish reason {@code stop}. */
  public static ChatCompletionBodies refusal(String refusal) {
    return text("").with(null, Objects.requireNonNull(refusal, "refusal"), null);
  }

  /** The same body with this id. */
  public ChatCompletionBodies id(String value) {
    return new ChatCompletionBodies(Objects.requireNonNull(value, "value"), created, model, content, refusal,
        finishReason, pieces, usage);
  }

  /** The same body created at these Unix seconds. */
  public ChatCompletionBodies created(long epochSeconds) {
    return new ChatCompletionBodies(id, epochSeconds, model, content, refusal, finishReason, pieces, usage);
  }

  /** The same body from this model. */
  public ChatCompletionBodies model(String value) {
    return new ChatCompletionBodies(id, created, Objects.requireNonNull(value, "value"), content, refusal,
        finishReason, pieces, usage);
  }

  /** The same body with this finish reason ({@code length}, {@code content_filter}, ...). */
  public ChatCompletionBodies finishReason(String value) {
    return new ChatCompletionBodies(id, created, model, content, refusal, Objects.requireNonNull(value, "value"),
        pieces, usage);
  }

  /** The same body with this usage. */
  public ChatCompletionBodies usage(int promptTokens, int completionTokens) {
    return new ChatCompletionBodies(id, created, model, content, refusal, finishReason, pieces,
        WireShapes.usage(promptTokens, completionTokens));
  }

  /**
   * The same body with this usage, {@code reasoningTokens} of the completion tokens reported in
   * {@code completion_tokens_details.reasoning_tokens}.
   */
  public ChatCompletionBodies usage(int promptTokens, int completionTokens, int reasoningTokens) {
    Map<String, Object> u = new LinkedHashMap<>(WireShapes.usage(promptTokens, completionTokens));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reasoning_tokens", reasoningTokens);
    details.put("audio_tokens", 0);
    details.put("accepted_prediction_tokens", 0);
    details.put("rejected_prediction_tokens", 0);
    u.put("completion_tokens_details", details);
    return new ChatCompletionBodies(id, created, model, content, refusal, finishReason, pieces, u);
  }

  /** The content, or null for a refusal. */
  String content() {
    return content;
  }

  /** The usage fields, or null when left out. */
  Map<String, Object> usageMap() {
    return usage;
  }

  /** The same body with other content and finish reason, sent a word at a time. */
  ChatCompletionBodies withText(String newContent, String newFinishReason) {
    return new ChatCompletionBodies(id, created, model, content == null ? null : newContent,
        refusal, newFinishReason, null, usage);
  }

  /** The same body without usage: no {@code usage} field, and no usage chunk in a stream. */
  public ChatCompletionBodies withoutUsage() {
    return new ChatCompletionBodies(id, created, model, content, refusal, finishReason, pieces, null);
  }

  /**
   * The same body streamed in these pieces, one chunk each; the content becomes their
   * concatenation. Without pieces a stream sends the text a word at a time.
   */
  public ChatCompletionBodies pieces(String... parts) {
    List<String> list = List.of(parts);
    return with(String.join("", list), refusal, list);
  }

  /** The {@code chat.completion} JSON body. */
  public String json() {
    return JsonSupport.write(WireShapes.chatCompletion(id, created, model, content, refusal, finishReason, usage));
  }

  /** A 200 response with {@link #json()}. */
  public MockResponse response() {
    return Replies.json(200, WireShapes.chatCompletion(id, created, model, content, refusal, finishReason, usage));
  }

  /**
   * The whole event stream: a role chunk, a chunk per piece (refusal deltas for a refusal), a
   * chunk with the finish reason, the usage chunk unless {@link #withoutUsage()}, and {@code
   * [DONE]}.
   */
  public String stream() {
    boolean refused = content == null && refusal != null;
    boolean withUsage = usage != null;
    StringBuilder sse = new StringBuilder();
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("role", "assistant");
    first.put("content", refused ? null : "");
    first.put("refusal", null);
    sse.append(event(WireShapes.chatChunk(id, created, model, first, null, withUsage)));
    List<String> parts = refused ? words(refusal) : pieces != null ? pieces : words(content);
    for (String part : parts) {
      Map<String, Object> delta = Map.of(refused ? "refusal" : "content", part);
      sse.append(event(WireShapes.chatChunk(id, created, model, delta, null, withUsage)));
    }
    sse.append(event(WireShapes.chatChunk(id, created, model, Map.of(), finishReason, withUsage)));
    if (withUsage) {
      sse.append(event(WireShapes.chatUsageChunk(id, created, model, usage)));
    }
    return sse.append(event("[DONE]")).toString();
  }

  /** A 200 {@code text/event-stream} response with {@link #stream()}. */
  public MockResponse streamResponse() {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "text/event-stream")
        .body(stream())
        .build();
  }

  /** One {@code chat.completion.chunk} of this body carrying {@code piece} as content, no finish reason. */
  public String chunk(String piece) {
    return JsonSupport.write(WireShapes.chatChunk(id, created, model, Map.of("content", piece), null, false));
  }

  /** One server-sent event, {@code data: <data>} and a blank line. */
  public static String event(String data) {
    return "data: " + data + "\n\n";
  }

  private static String event(Map<String, Object> data) {
    return event(JsonSupport.write(data));
  }

  private ChatCompletionBodies with(String newContent, String newRefusal, List<String> newPieces) {
    return new ChatCompletionBodies(id, created, model, newContent, newRefusal, finishReason, newPieces, usage);
  }

  /** {@code text} a word (with its trailing space) at a time. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return words;
    }
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ') {
        words.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      words.add(text.substring(start));
    }
    return words;
  }

  @Override
  public String toString() {
    return "ChatCompletionBodies[" + (refusal != null ? "refusal=" + refusal : "content=" + content) + ", "
        + model + "]";
  }
}
