package dev.reve.bench;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.ChatStreamListener;
import java.util.List;
import java.util.function.Consumer;

/** This SDK as a {@link BenchChat}: {@code chat().create} and {@code chat().stream}. */
final class ReveChat implements BenchChat {
  private final OpenAiClient client;
  private final ChatRequest request;

  ReveChat(String baseUrl, List<ChatMessage> messages) {
    client = OpenAiClient.builder().apiKey(BenchClients.KEY).baseUrl(baseUrl).maxRetries(0).build();
    request = ChatRequest.builder()
        .model(MODEL)
        .messages(messages)
        .maxCompletionTokens(MAX_COMPLETION_TOKENS)
        .build();
  }

  @Override
  public String complete() {
    return client.chat().create(request).text().orElseThrow();
  }

  @Override
  public String stream(Consumer<String> onDelta) {
    return client.chat().stream(request, new ChatStreamListener() {
      @Override
      public void onText(String delta) {
        onDelta.accept(delta);
      }
    }).text().orElseThrow();
  }

  @Override
  public void close() {
    client.close();
  }
}
