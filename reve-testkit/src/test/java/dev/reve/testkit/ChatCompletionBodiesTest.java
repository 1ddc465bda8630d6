package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.FinishReason;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatCompletionBodiesTest {
  private final MockWebServer server = new MockWebServer();
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = OpenAiClient.builder()
        .baseUrl(server.url("/v1/").toString())
        .apiKey(OpenAiEmulator.API_KEY)
        .maxRetries(0)
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("a river")).build();
  }

  @Test
  void aJsonBodyCarriesTextModelFinishAndUsage() {
    server.enqueue(ChatCompletionBodies.text("A river.").model("gpt-4o").finishReason("length").usage(7, 3).response());

    ChatCompletion done = client.chat().create(ask());

    assertThat(done.text()).contains("A river.");
    assertThat(done.model()).isEqualTo("gpt-4o");
    assertThat(done.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(done.usage().orElseThrow().totalTokens()).isEqualTo(10);
  }

  @Test
  void aStreamSendsThePiecesThenUsageThenDone() {
    ChatCompletionBodies body = ChatCompletionBodies.text("").pieces("Before I ", "say anything").usage(9, 4);
    assertThat(body.stream()).endsWith("data: [DONE]\n\n").contains("\"usage\":{\"prompt_tokens\":9");
    server.enqueue(body.streamResponse());
    List<String> texts = new ArrayList<>();

    ChatCompletion done = client.chat().stream(ask(), new dev.reve.openai.chat.ChatStreamListener() {
      @Override
      public void onText(String delta) {
        texts.add(delta);
      }
    });

    assertThat(texts).containsExactly("Before I ", "say anything");
    assertThat(done.text()).contains("Before I say anything");
    assertThat(done.usage().orElseThrow().completionTokens()).isEqualTo(4);
  }

  @Test
  void withoutUsageLeavesTheUsageOut() {
    assertThat(ChatCompletionBodies.text("x").withoutUsage().json()).doesNotContain("usage");
    assertThat(ChatCompletionBodies.text("x").withoutUsage().stream()).doesNotContain("usage");
    assertThat(ChatCompletionBodies.refusal("No.").json()).contains("\"content\":null", "\"refusal\":\"No.\"");
  }
}
