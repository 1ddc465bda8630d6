package dev.reve.conformance.prism;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.conformance.prism.PrismServer.Api;
import dev.reve.conformance.support.NoNulls;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.error.MalformedResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat completion a model promoted from a Together AI job is served with: the analyst's own
 * request (system prompt, dream, the options an analysis sends) to Together's {@code
 * chat/completions}, checked by Prism against Together's description, and Together's answers
 * parsed. The shutdown-date lookup is off here: it asks {@code GET models/{id}}, which Together's
 * description does not have (see docs/conformance.md).
 */
class TogetherChatConformanceTest {
  @RegisterExtension static final PrismExtension PRISM = PrismExtension.of(Api.TOGETHER);

  /** What promotion writes for a Together job: its {@code model_output_name}. */
  static final String PROMOTED = "mynamespace/Meta-Llama-3.1-8B-Instruct-Reference-jung-1a2b3c4d";
  private static final int DYNAMIC_ROUNDS = 8;

  static final Dream DREAM = Dream.builder("I was back at school and the exam had started without me.")
      .title("The exam")
      .context("34, nurse, starts a new job next week")
      .associations("The school was the one I left at twelve.")
      .build();

  static DreamAnalysts analysts(OpenAiClient client) {
    return DreamAnalysts.builder(client)
        .resolver(ModelResolver.builder().isolated().model("jung", PROMOTED).model("freud", PROMOTED).build())
        .checkShutdownDates(false)
        .build();
  }

  @Test
  void anAnalysisOnThePromotedModelConforms(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient(); DreamAnalysts analysts = analysts(client)) {
      Analysis jung = analysts.analyst("jung").analyze(DREAM);
      Analysis freud = analysts.analyst("freud").analyzeAsync(DREAM).join();

      assertThat(jung.model()).isEqualTo(PROMOTED);
      assertThat(jung.text()).isNotBlank();
      assertThat(freud.text()).isNotBlank();
    }
    assertThat(prism.requestCount()).isEqualTo(2);
  }

  @Test
  void bothAnalystsAtOnceConform(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient(); DreamAnalysts analysts = analysts(client)) {
      assertThat(analysts.analyzeAll(DREAM).analyses()).containsOnlyKeys("jung", "freud");
    }
    assertThat(prism.requestCount()).isEqualTo(2);
  }

  /**
   * Random bodies from Together's schemas. An empty {@code choices} array (the schema allows it)
   * is the one body refused, with a typed {@link MalformedResponseException}; every other must parse.
   */
  @Test
  void dynamicChatBodiesParseTolerantly(PrismServer prism) {
    ChatRequest raw = ChatRequest.builder()
        .model(PROMOTED)
        .addMessage(ChatMessage.user("I dreamt of a cellar below the cellar."))
        .build();
    try (OpenAiClient client = prism.dynamicClient(); DreamAnalysts analysts = analysts(client)) {
      for (int round = 0; round < DYNAMIC_ROUNDS; round++) {
        try {
          NoNulls.assertNone(analysts.analyst("jung").analyze(DREAM).text());
          ChatCompletion completion = client.chat().create(raw);
          NoNulls.assertNone(completion);
          completion.choices().forEach(c -> c.finish());
        } catch (MalformedResponseException noChoices) {
          assertThat(noChoices).hasMessageContaining("choices");
        }
      }
    }
  }

  /** {@code GET models}: Together answers a bare array, which the client reads as OpenAI's envelope. */
  @Test
  void theModelListConformsAndParses(PrismServer prism) {
    try (OpenAiClient client = prism.staticClient()) {
      assertThat(client.models().list()).isNotEmpty().allSatisfy(m -> assertThat(m.id()).isNotEmpty());
    }
    try (OpenAiClient client = prism.dynamicClient()) {
      for (int round = 0; round < DYNAMIC_ROUNDS; round++) {
        NoNulls.assertNone(client.models().list());
      }
    }
    assertThat(prism.requestCount()).isEqualTo(1 + DYNAMIC_ROUNDS);
  }
}
