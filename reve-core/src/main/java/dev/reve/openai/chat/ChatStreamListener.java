package dev.reve.openai.chat;

/** Receives a streamed completion as it arrives, on the thread that reads the stream. */
@FunctionalInterface
public interface ChatStreamListener {
  /** New text of the first choice; called once per non-empty delta. */
  void onText(String delta);

  /** Every chunk as parsed, including the final usage chunk; does nothing by default. */
  default void onChunk(ChatCompletionChunk chunk) {}
}
