package dev.reve.bench;

import dev.reve.testkit.ChatCompletionBodies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The response bodies the loopback server sends: a typical non-streamed chat completion of about
 * 3 KB and a streamed answer of 400 words in 300 chunks, both cut from the real Jung answers and
 * written by testkit's {@link ChatCompletionBodies}.
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

  private static final int PROMPT_TOKENS = 900;

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
    String chatAnswer = answerFitting(longEnough(answers));
    List<String> words = new ArrayList<>();
    for (String answer : answers) {
      words.addAll(Arrays.asList(answer.strip().split("\\s+")));
      if (words.size() >= STREAM_WORDS) {
        break;
      }
    }
    words = words.subList(0, STREAM_WORDS);
    List<String> deltas = new ArrayList<>();
    for (int i = 0; i < STREAM_CONTENT_CHUNKS; i++) {
      int from = i * STREAM_WORDS / STREAM_CONTENT_CHUNKS;
      int to = (i + 1) * STREAM_WORDS / STREAM_CONTENT_CHUNKS;
      deltas.add((i == 0 ? "" : " ") + String.join(" ", words.subList(from, to)));
    }
    ChatCompletionBodies streamed = answer("").pieces(deltas.toArray(String[]::new)).usage(PROMPT_TOKENS, 560);
    return new Payloads(completion(chatAnswer), chatAnswer, streamed.stream(), String.join("", deltas));
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
  /** The first answer that fills the chat body, or the longest when none does. */
  private static String longEnough(List<String> answers) {
    int budget = CHAT_BODY_BYTES - completion("").length();
    String longest = answers.get(0);
    for (String answer : answers) {
      if (answer.strip().length() >= budget) {
        return answer;
      }
      longest = answer.length() > longest.length() ? answer : longest;
    }
    return longest;
  }

  private static String answerFitting(String answer) {
    String text = answer.strip();
    // Cut at a space until the whole body, JSON escapes included, fits.
    while (completion(text).length() > CHAT_BODY_BYTES) {
      int budget = Math.min(text.length() - 1, CHAT_BODY_BYTES - completion("").length());
      int cut = text.lastIndexOf(' ', budget);
      text = text.substring(0, cut > 0 ? cut : budget);
    }
    return text;
  }

  private static String completion(String answer) {
    return answer(answer).usage(PROMPT_TOKENS, 640).json();
  }

  private static ChatCompletionBodies answer(String text) {
    return ChatCompletionBodies.text(text)
        .id("chatcmpl-bench0123456789")
        .created(1_767_225_600L)
        .model("gpt-4o-mini-2024-07-18");
  }
}
