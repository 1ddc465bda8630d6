package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.error.AuthenticationException;
import dev.reve.openai.error.InsufficientQuotaException;
import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatCompletionChunk;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.FinishReason;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatEmulationTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();

  private static ChatRequest ask(String model, String text) {
    return ChatRequest.builder()
        .model(model)
        .addMessage(ChatMessage.system("You are a dream analyst."))
        .addMessage(ChatMessage.user(text))
        .build();
  }

  @Test
  void aKnownModelGetsTheCannedAnswerWithUsageAndARequestId() {
    ChatCompletion done = openai.client().chat().create(ask("gpt-4o-mini", "I dreamt of a house."));

    assertThat(done.text()).isPresent().get().asString().isNotBlank();
    assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(done.model()).isEqualTo("gpt-4o-mini");
    assertThat(done.usage()).hasValueSatisfying(u -> {
      assertThat(u.promptTokens()).isPositive();
      assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
    });
    assertThat(done.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_emu"));
    assertThat(openai.emulator().chat().requests()).singleElement()
        .satisfies(r -> assertThat(r.model()).contains("gpt-4o-mini"));
  }

  @Test
  void aResponderPerModelSeesTheMessages() {
    OpenAiEmulator emulator = openai.emulator();
    emulator.chat().respondWith("gpt-4o", call -> ChatReply.text(call.systemPrompt().orElse("?") + " / " + call.lastUserMessage()));
    emulator.chat().respondWith(call -> ChatReply.text("default"));

    assertThat(openai.client().chat().create(ask("gpt-4o", "a river")).text())
        .contains("You are a dream analyst. / a river");
    assertThat(openai.client().chat().create(ask("gpt-4.1", "a river")).text()).contains("default");
  }

  @Test
  void queuedRepliesScriptLengthRefusalAndContentFilterThenTheResponderAnswersAgain() {
    openai.emulator().chat().enqueue("gpt-4o",
        ChatReply.truncated("It began with a").usage(420, 510).requestId("req-1"),
        ChatReply.refusal("I can't help with that."),
        ChatReply.contentFilter("The"));
    OpenAiClient client = openai.client();

    ChatCompletion truncated = client.chat().create(ask("gpt-4o", "1"));
    ChatCompletion refused = client.chat().create(ask("gpt-4o", "2"));
    ChatCompletion filtered = client.chat().create(ask("gpt-4o", "3"));
    ChatCompletion normal = client.chat().create(ask("gpt-4o", "4"));

    assertThat(truncated.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(truncated.text()).contains("It began with a");
    assertThat(truncated.usage().orElseThrow().promptTokens()).isEqualTo(420);
    assertThat(truncated.requestId()).contains("req-1");
    assertThat(refused.text()).isEmpty();
    assertThat(refused.firstChoice().orElseThrow().message().refusal()).contains("I can't help with that.");
    assertThat(filtered.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(normal.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void aScriptedErrorReachesTheClientAsItsTypedException() {
    openai.emulator().chat().enqueue("gpt-4o",
        ChatReply.error(429, "You exceeded your current quota.", "insufficient_quota", "insufficient_quota"));

    assertThatThrownBy(() -> openai.client().chat().create(ask("gpt-4o", "x")))
        .isInstanceOf(InsufficientQuotaException.class)
        .hasMessageContaining("You exceeded your current quota");
  }

  @Test
  void unknownAndDeletedModelsAnswer404ModelNotFound() {
    OpenAiEmulator emulator = openai.emulator();
    emulator.models().add(StoredModel.of("ft:gpt-4o-mini-2024-07-18:emulator:jung:abc").ownedBy("emulator"));

    assertThatThrownBy(() -> openai.client().chat().create(ask("ft:gone", "x")))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.code()).contains("model_not_found");
          assertThat(e.type()).contains("invalid_request_error");
          assertThat(e.apiMessage()).contains("The model `ft:gone` does not exist or you do not have access to it.");
        });
    assertThat(openai.client().chat().create(ask("ft:gpt-4o-mini-2024-07-18:emulator:jung:abc", "x")).text()).isPresent();

    assertThat(openai.client().models().delete("ft:gpt-4o-mini-2024-07-18:emulator:jung:abc").deleted()).isTrue();

    assertThatThrownBy(() -> openai.client().chat().create(ask("ft:gpt-4o-mini-2024-07-18:emulator:jung:abc", "x")))
        .isInstanceOf(NotFoundException.class);
    // a queued reply does not make a missing model exist
    emulator.chat().enqueue("ft:gone", ChatReply.text("never sent"));
    assertThatThrownBy(() -> openai.client().chat().create(ask("ft:gone", "x"))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void streamingSendsTheRoleThePiecesTheFinishTheUsageAndDone() {
    openai.emulator().chat().enqueue("gpt-4o", ChatReply.text("unused").pieces("Before I ", "say anything", "...").usage(400, 12));
    List<String> texts = new ArrayList<>();
    List<ChatCompletionChunk> chunks = new ArrayList<>();

    ChatCompletion done = openai.client().chat().stream(ask("gpt-4o", "x"), new dev.reve.openai.chat.ChatStreamListener() {
      @Override
      public void onText(String delta) {
        texts.add(delta);
      }

      @Override
      public void onChunk(ChatCompletionChunk chunk) {
        chunks.add(chunk);
      }
    });

    assertThat(texts).containsExactly("Before I ", "say anything", "...");
    assertThat(done.text()).contains("Before I say anything...");
    assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(done.usage().orElseThrow().completionTokens()).isEqualTo(12);
    // role chunk, three pieces, finish chunk, usage chunk
    assertThat(chunks).hasSize(6);
    assertThat(openai.emulator().chat().requests().get(0).json()).containsEntry("stream", true);
  }

  @Test
  void aStreamWithoutIncludeUsageHasNoUsageChunkAndEndsWithDone() throws Exception {
    String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Request request = new Request.Builder()
        .url(openai.emulator().baseUrl() + "chat/completions")
        .header("Authorization", "Bearer " + OpenAiEmulator.API_KEY)
        .post(RequestBody.create(body, MediaType.get("application/json")))
        .build();
    OkHttpClient http = new OkHttpClient();
    try (Response response = http.newCall(request).execute()) {
      String sse = response.body().string();
      assertThat(response.header("Content-Type")).startsWith("text/event-stream");
      assertThat(sse).doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
      assertThat(sse).contains("\"finish_reason\":\"stop\"", "\"object\":\"chat.completion.chunk\"");
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Test
  void aStreamedRefusalArrivesAsRefusalDeltas() {
    openai.emulator().chat().enqueue("gpt-4o", ChatReply.refusal("I can't help with that."));

    ChatCompletion done = openai.client().chat().stream(ask("gpt-4o", "x"), delta -> {});

    assertThat(done.text()).isEmpty();
    assertThat(done.firstChoice().orElseThrow().message().refusal()).contains("I can't help with that.");
  }

  @Test
  void aRequestWithoutAKeyIsRefusedAsOpenAiDoes() {
    try (OpenAiClient keyless = OpenAiClient.builder()
        .baseUrl(openai.emulator().baseUrl())
        .requireApiKey(false)
        .sleeper(openai.emulator().time())
        .build()) {
      assertThatThrownBy(() -> keyless.chat().create(ask("gpt-4o", "x")))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("You didn't provide an API key");
    }
  }

  @Test
  void aLocalServerEmulationNeedsNoKey() {
    try (OpenAiEmulator local = OpenAiEmulator.builder().requireApiKey(false).start();
        OpenAiClient keyless = OpenAiClient.builder().baseUrl(local.baseUrl()).requireApiKey(false).build()) {
      assertThat(keyless.chat().create(ask("gpt-4o", "x")).text()).isPresent();
    }
  }
}
