package dev.reve.conformance.prism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.conformance.support.NoNulls;
import dev.reve.openai.error.InternalServerException;
import dev.reve.openai.error.MalformedResponseException;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.RateLimitException;
import dev.reve.openai.error.UnprocessableEntityException;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.FinishReason;
import dev.reve.openai.chat.ResponseFormat;
import dev.reve.testkit.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /chat/completions} as the SDK sends it, checked by Prism against OpenAI's description. */
@ExtendWith(PrismExtension.class)
class ChatConformanceTest {
  private static final int DYNAMIC_ROUNDS = 12;

  static ChatRequest plain() {
    return ChatRequest.builder()
        .model("gpt-4o-mini")
        .addMessage(ChatMessage.system("You interpret dreams in the manner of C. G. Jung."))
        .addMessage(ChatMessage.user("I dreamt of a house with a cellar below the cellar."))
        .temperature(0.7)
        .topP(0.9)
        .maxCompletionTokens(400)
        .stop(List.of("\n\n\n"))
        .seed(42L)
        .metadata(Map.of("analyst", "jung"))
        .store(false)
        .safetyIdentifier("user-hash-1234")
        .build();
  }

  static ChatRequest withJsonSchema() {
    Map<String, Object> schema =
        Map.of(
            "type", "object",
            "properties",
                Map.of(
                    "symbols", Map.of("type", "array", "items", Map.of("type", "string")),
                    "interpretation", Map.of("type", "string")),
            "required", List.of("symbols", "interpretation"),
            "additionalProperties", false);
    return plain().toBuilder()
        .responseFormat(ResponseFormat.jsonSchema("dream_interpretation", schema, true))
        .build();
  }

  @Test
  void plainCompletionParsesPrismsExample(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      ChatCompletion completion = client.chat().create(plain());

      assertThat(completion.id()).isEqualTo("string");
      assertThat(completion.text()).contains("string");
      assertThat(completion.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(completion.usage()).isPresent();
      assertThat(completion.responseMetadata().statusCode()).isEqualTo(200);
      assertThat(completion.responseMetadata().attempts()).isEqualTo(1);
      assertThat(completion.requestId()).as("Prism sends no x-request-id").isEmpty();
      NoNulls.assertNone(completion);
    }
  }

  @Test
  void jsonSchemaAndJsonObjectFormatsAreAllowed(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      assertThat(client.chat().create(withJsonSchema()).text()).isPresent();
      ChatRequest jsonObject =
          plain().toBuilder().responseFormat(ResponseFormat.jsonObject()).build();
      assertThat(client.chat().create(jsonObject).text()).isPresent();
      ChatRequest text = plain().toBuilder().responseFormat(ResponseFormat.text()).build();
      assertThat(client.chat().create(text).text()).isPresent();
    }
  }

  @Test
  void olderMaxTokensAndDeveloperRoleAreAllowed(PrismServer prism) {
    ChatRequest request =
        ChatRequest.builder()
            .model("gpt-4o-mini")
            .addMessage(ChatMessage.developer("Answer as Sigmund Freud would."))
            .addMessage(ChatMessage.user("I dreamt my teeth fell out."))
            .addMessage(ChatMessage.assistant("Tell me more about the teeth."))
            .addMessage(ChatMessage.user("They were gold."))
            .maxTokens(300)
            .build();
    try (OpenAiClient client = prism.staticClient()) {
      assertThat(client.chat().create(request).choices()).isNotEmpty();
    }
  }

  @Test
  void reasoningEffortAndVerbosityAreAllowedForEveryValue(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      for (String effort : ChatRequest.REASONING_EFFORTS) {
        for (String verbosity : ChatRequest.VERBOSITIES) {
          ChatRequest request = ChatRequest.builder()
              .model("gpt-6-luna")
              .addMessage(ChatMessage.developer("You interpret dreams in the manner of C. G. Jung."))
              .addMessage(ChatMessage.user("I dreamt of a staircase into water."))
              .maxCompletionTokens(7200)
              .reasoningEffort(effort)
              .verbosity(verbosity)
              .build();
          assertThat(client.chat().create(request).choices()).as(effort + "/" + verbosity).isNotEmpty();
        }
      }
    }
  }

  @Test
  void anAnalysisOnTheReasoningDefaultSendsWhatTheDescriptionAllows(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient();
        dev.reve.analysis.DreamAnalysts analysts =
            dev.reve.analysis.DreamAnalysts.builder(client).checkShutdownDates(false).build()) {
      dev.reve.analysis.Analysis analysis = analysts.analyst("jung").analyze(
          dev.reve.analysis.Dream.of("A staircase went down into green water."),
          dev.reve.analysis.AnalysisOptions.builder().verbosity("low").build());
      // Prism answers 422 to a body outside the description; its example text is "string"
      assertThat(analysis.text()).isEqualTo("string");
      assertThat(analysis.model()).isEqualTo(dev.reve.analysis.ModelResolver.DEFAULT_BASE_MODEL);
    }
  }

  @Test
  void asyncCompletionConforms(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      assertThat(client.chat().createAsync(plain()).join().text()).contains("string");
    }
  }

  /**
   * Prism's random bodies sometimes hold {@code "choices": []}, which the description allows but no
   * request of ours (n is never above 1) can honestly produce: the client refuses that one case
   * with a typed error (issue 11), and every other body must parse with no nulls.
   */
  @Test
  void dynamicBodiesParseTolerantly(PrismServer prism) {
    try (OpenAiClient client = prism.dynamicClient()) {
      for (int round = 0; round < DYNAMIC_ROUNDS; round++) {
        ChatRequest request = round % 2 == 0 ? plain() : withJsonSchema();
        ChatCompletion completion;
        try {
          completion = client.chat().create(request);
        } catch (MalformedResponseException e) {
          assertThat(e.getMessage()).contains("choices is null, absent or empty");
          continue;
        }
        assertThat(completion.choices()).isNotEmpty();
        NoNulls.assertNone(completion);
        // Every accessor answers without throwing, whatever the random body held.
        completion.finishReason();
        completion.text();
        completion.choices().forEach(c -> c.finish());
        completion.usage().ifPresent(u -> assertThat(u.totalTokens()).isNotNull());
      }
    }
  }

  /**
   * Prism cannot stream (a 500 "Cannot serialise complex objects as text"), but it validates the
   * request first: anything other than a 422 proves the streaming body conforms.
   */
  @Test
  void streamingRequestBodyConformsThoughPrismCannotStream(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      assertThatThrownBy(() -> client.chat().stream(withJsonSchema(), delta -> {}))
          .as(prism::describeRejections)
          .isInstanceOf(InternalServerException.class)
          .hasMessageContaining("Cannot serialise complex objects as text");
      assertThat(prism.rejections()).isEmpty();
    }
  }

  /** The suite can fail: a request the description forbids comes back as a 422 with its reasons. */
  @Test
  void prismRejectsARequestOutsideTheDescription(PrismServer prism) {
    ChatRequest bad =
        ChatRequest.builder()
            .model("gpt-4o-mini")
            .addMessage(new ChatMessage("narrator", "not a role OpenAI knows", java.util.Optional.empty()))
            .build();
    try (OpenAiClient client = prism.staticClient()) {
      assertThatThrownBy(() -> client.chat().create(bad))
          .isInstanceOf(UnprocessableEntityException.class);
      assertThat(prism.describeRejections())
          .contains("POST /chat/completions")
          .contains("messages.0.role");
    }
    prism.clearRejections();
  }

  /** {@code Prefer: code=429}: Prism's 429 with {@code Retry-After: 1}, retried and then reported. */
  @Test
  void rateLimitFromPrismIsRetriedThenTyped(PrismServer prism) {
    VirtualTime sleeper = new VirtualTime();
    try (OpenAiClient client =
        prism.clientBuilder().header("Prefer", "code=429").sleeper(sleeper).maxRetries(2).build()) {
      assertThatThrownBy(() -> client.chat().create(plain()))
          .isInstanceOfSatisfying(
              RateLimitException.class,
              e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)));
      assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
  }
}
