package dev.reve.bench;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response bodies the loopback server sends: a typical non-streamed chat completion of about
 * 3 KB and a streamed answer of 400 words in 300 chunks, both cut from the real Jung answers.
 */
public final class Payloads {
  /** Bytes the non-streamed completion body aims at. */
  public static final int CHAT_BODY_BYTES = 3_000;
  /** Words in the streamed answer. */
  public static final int STREAM_WORDS = 400;
  /** Content chunks the streamed answer is cut into. */
  public static final int STREAM_CONTENT_CHUNKS = 300;
  /**
   * Events of the stream: the role chunk, the content chunks, the finish chunk and the usage
   * chunk ({@code [DONE]} not counted).
   */
  public static final int STREAM_EVENTS = STREAM_CONTENT_CHUNKS + 3;

  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private final String chatBody;
  private final String chatAnswer;
  private final String streamBody;
  private final String streamAnswer;

  private Payloads(String chatBody, String chatAnswer, String streamBody, String streamAnswer) {
    this.chatBody = chatBody;
    this.chatAnswer = chatAnswer;
    this.streamBody = streamBody;
    this.streamAnswer = streamAnswer;
  }

  /** Builds the bodies from the Jung answers packed into the jar. */
  public static Payloads fromJungAnswers() {
    List<String> answers = TrainingCorpus.jungAnswers();
    String chatAnswer = answerFitting(answers.get(0));
    List<String> words = new ArrayList<>();
    for (String answer : answers) {
      words.addAll(Arrays.asList(answer.strip().split("\\s+")));
      if (words.size() >= STREAM_WORDS) {
        break;
      }
    }
    words = words.subList(0, STREAM_WORDS);
    StringBuilder sse = new StringBuilder();
    event(sse, chunk(Map.of("role", "assistant", "content", ""), null));
    StringBuilder streamed = new StringBuilder();
    for (int i = 0; i < STREAM_CONTENT_CHUNKS; i++) {
      int from = i * STREAM_WORDS / STREAM_CONTENT_CHUNKS;
      int to = (i + 1) * STREAM_WORDS / STREAM_CONTENT_CHUNKS;
      String delta = (i == 0 ? "" : " ") + String.join(" ", words.subList(from, to));
      streamed.append(delta);
      event(sse, chunk(Map.of("content", delta), null));
    }
    event(sse, chunk(Map.of(), "stop"));
    Map<String, Object> usage = base();
    usage.put("choices", List.of());
    usage.put("usage", usage(560));
    event(sse, JSON.toJson(usage));
    sse.append("data: [DONE]\n\n");
    return new Payloads(completion(chatAnswer), chatAnswer, sse.toString(), streamed.toString());
  }

  /** The JSON of a non-streamed completion. */
  public String chatBody() {
    return chatBody;
  }

  /** The text the completion carries. */
  public String chatAnswer() {
    return chatAnswer;
  }

  /** The {@code text/event-stream} body, {@code data: [DONE]} included. */
  public String streamBody() {
    return streamBody;
  }

  /** The text the stream's deltas add up to. */
  public String streamAnswer() {
    return streamAnswer;
  }

  /** The longest whole-word prefix of {@code answer} that keeps the completion near 3 KB. */
  private static String answerFitting(String answer) {
    String text = answer.strip();
    int overhead = completion("").length();
    int budget = CHAT_BODY_BYTES - overhead;
    if (text.length() <= budget) {
      return text;
    }
    int cut = text.lastIndexOf(' ', budget);
    return text.substring(0, cut > 0 ? cut : budget);
  }

  private static String completion(String answer) {
    Map<String, Object> body = base();
    body.put("object", "chat.completion");
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", answer);
    message.put("refusal", null);
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("logprobs", null);
    choice.put("finish_reason", "stop");
    body.put("choices", List.of(choice));
    body.put("usage", usage(640));
    body.put("service_tier", "default");
    body.put("system_fingerprint", "fp_bench0001");
    return JSON.serializeNulls().toJson(body);
  }

  private static String chunk(Map<String, Object> delta, String finish) {
    Map<String, Object> body = base();
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("logprobs", null);
    choice.put("finish_reason", finish);
    body.put("choices", List.of(choice));
    return JSON.serializeNulls().toJson(body);
  }

  private static Map<String, Object> base() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", "chatcmpl-bench0123456789");
    body.put("object", "chat.completion.chunk");
    body.put("created", 1_767_225_600L);
    body.put("model", "gpt-4o-mini-2024-07-18");
    return body;
  }

  private static Map<String, Object> usage(int completionTokens) {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", 900);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", 900 + completionTokens);
    return usage;
  }

  private static void event(StringBuilder sse, String json) {
    sse.append("data: ").append(json).append("\n\n");
  }
}
