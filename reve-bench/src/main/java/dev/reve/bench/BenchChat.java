package dev.reve.bench;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import dev.reve.analysis.PromptBuilder;
import dev.reve.openai.chat.ChatMessage;
import java.util.List;
import java.util.function.Consumer;

/**
 * One chat client under comparison: the same request (model, the Jung system prompt and a dream,
 * a token bound) sent by this SDK, by the floor (raw OkHttp and Moshi) or by openai-java.
 */
interface BenchChat extends AutoCloseable {
  /** The model every contender asks for. */
  String MODEL = "gpt-4o-mini-2024-07-18";
  /** The token bound every contender sends. */
  int MAX_COMPLETION_TOKENS = 1_200;

  /** One blocking completion; returns the answer's text. */
  String complete();

  /** One streamed completion, each content delta handed to {@code onDelta}; returns the text. */
  String stream(Consumer<String> onDelta);

  @Override
  void close();

  /** The messages every contender sends. */
  static List<ChatMessage> messages() {
    Dream dream = Dream.builder(
            "I was in my grandmother's house, but it had a cellar I had never seen. I went down a"
                + " stone staircase and found a room of old bones and broken pottery.")
        .title("The cellar")
        .context("42, architect, just moved house")
        .build();
    return PromptBuilder.messages(BuiltInAnalysts.JUNG, dream);
  }

  /** {@code floor}, {@code reve} or {@code openai-java}, talking to {@code baseUrl}. */
  static BenchChat of(String name, String baseUrl) {
    return of(name, baseUrl, messages());
  }

  /** {@link #of(String, String)} sending {@code messages}. */
  static BenchChat of(String name, String baseUrl, List<ChatMessage> messages) {
    return switch (name) {
      case "floor" -> new FloorChat(baseUrl, messages);
      case "reve" -> new ReveChat(baseUrl, messages);
      case "openai-java" -> new OfficialChat(baseUrl, messages);
      default -> throw new IllegalArgumentException(
          "unknown client " + name + ": use floor, reve or openai-java");
    };
  }
}
