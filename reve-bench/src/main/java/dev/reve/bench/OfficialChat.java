package dev.reve.bench;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.reve.openai.chat.ChatMessage;
import java.util.List;
import java.util.function.Consumer;

/** com.openai:openai-java as a {@link BenchChat}, with its OkHttp client and no retries. */
final class OfficialChat implements BenchChat {
  private final OpenAIClient client;
  private final ChatCompletionCreateParams params;

  OfficialChat(String baseUrl, List<ChatMessage> messages) {
    client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(BenchClients.KEY).maxRetries(0).build();
    ChatCompletionCreateParams.Builder b =
        ChatCompletionCreateParams.builder().model(MODEL).maxCompletionTokens(MAX_COMPLETION_TOKENS);
    for (ChatMessage m : messages) {
      switch (m.role()) {
        case "system" -> b.addSystemMessage(m.content());
        case "user" -> b.addUserMessage(m.content());
        default -> throw new IllegalArgumentException("unexpected role " + m.role());
      }
    }
    params = b.build();
  }

  @Override
  public String complete() {
    return client.chat().completions().create(params).choices().get(0).message().content().orElseThrow();
  }

  @Override
  public String stream(Consumer<String> onDelta) {
    StringBuilder text = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunk -> {
        for (ChatCompletionChunk.Choice choice : chunk.choices()) {
          choice.delta().content().filter(s -> !s.isEmpty()).ifPresent(s -> {
            text.append(s);
            onDelta.accept(s);
          });
        }
      });
    }
    return text.toString();
  }

  @Override
  public void close() {
    client.close();
  }
}
