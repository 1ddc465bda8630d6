package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.AnalysisSession;
import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.DreamInterpretation;
import dev.reve.analysis.PromptBuilder;
import dev.reve.analysis.SessionTurn;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.error.AuthenticationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Emulated answers that show the pipeline: training examples, placeholders, schemas, keys. */
class TrainedAnswersTest {
  private static final Dream WHALE = Dream.builder("I swam beside a whale in green water and it sang to me.")
      .title("The whale").build();
  private static final Dream TRAIN = Dream.builder("A train left the station without me; my suitcase stayed on it.")
      .title("The train").build();

  /** A training file: two one-turn examples and one conversation of two turns. */
  private static String trainingFile() {
    List<String> lines = new ArrayList<>();
    lines.add(line(List.of(TRAIN), "JUNG-TRAIN-1"));
    lines.add(line(List.of(WHALE), "JUNG-WHALE-1"));
    Dream lift = Dream.of("The lift went down past the cellar into warm dark water under the house.");
    List<ChatMessage> talk = new ArrayList<>(PromptBuilder.messages(BuiltInAnalysts.JUNG, lift));
    talk.add(ChatMessage.assistant("JUNG-LIFT-1"));
    talk.add(ChatMessage.user("The house was my grandmother's."));
    talk.add(ChatMessage.assistant("JUNG-LIFT-2"));
    lines.add(jsonl(talk));
    return String.join("\n", lines) + "\n";
  }

  private static String line(List<Dream> dreams, String answer) {
    List<ChatMessage> messages = new ArrayList<>(PromptBuilder.messages(BuiltInAnalysts.JUNG, dreams.get(0)));
    messages.add(ChatMessage.assistant(answer));
    return jsonl(messages);
  }

  private static String jsonl(List<ChatMessage> messages) {
    List<Object> list = new ArrayList<>();
    for (ChatMessage m : messages) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("role", m.role());
      one.put("content", m.content());
      list.add(one);
    }
    return JsonSupport.write(Map.of("messages", list));
  }

  private static String fineTune(OpenAiEmulator api) {
    StoredFile file = api.files().add("jung.jsonl", "fine-tune", trainingFile().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String job = api.jobs().add("gpt-4o-2024-08-06", file.id(), Map.of());
    return api.jobs().succeed(job);
  }

  @Test
  void aFineTunedModelAnswersWithTheNearestTrainingExample() {
    try (OpenAiEmulator api = OpenAiEmulator.builder().trainedAnswers().start();
        DreamAnalysts analysts = analysts(api, fineTune(api))) {
      Analysis whale = analysts.analyst("jung").analyze(Dream.of("A whale sang in the green sea while I swam."));
      Analysis train = analysts.analyst("jung").analyze(Dream.of("My suitcase left on the train from the station."));

      assertThat(whale.text()).isEqualTo("JUNG-WHALE-1");
      assertThat(train.text()).isEqualTo("JUNG-TRAIN-1");
    }
  }

  @Test
  void theSecondTurnComesFromAMultiTurnExample() {
    try (OpenAiEmulator api = OpenAiEmulator.builder().trainedAnswers().start();
        DreamAnalysts analysts = analysts(api, fineTune(api))) {
      AnalysisSession session = analysts.analyst("jung").session(Dream.of("A whale sang in the green water."));
      SessionTurn first = session.begin();
      SessionTurn second = session.reply("It was my grandmother's house.");

      assertThat(first.answer()).isEqualTo("JUNG-WHALE-1");
      assertThat(second.answer()).isEqualTo("JUNG-LIFT-2");
    }
  }

  @Test
  void aBaseModelAnswersWithAPlaceholderNamingTheAnalystAndStreams() {
    try (OpenAiEmulator api = OpenAiEmulator.builder().trainedAnswers().start();
        DreamAnalysts analysts = DreamAnalysts.builder(api.client()).checkShutdownDates(false).build()) {
      StringBuilder pieces = new StringBuilder();
      Analysis freud = analysts.analyst("freud").stream(WHALE, pieces::append);

      assertThat(freud.text()).startsWith("[Emulated]").contains("Sigmund Freud").contains("base model")
          .doesNotContain("Carl Gustav Jung");
      assertThat(pieces.toString()).isEqualTo(freud.text());
      assertThat(api.chat().requests()).hasSize(1);
      assertThat(api.chat().requests().get(0).json().get("stream")).isEqualTo(true);
    }
  }

  @Test
  void aJsonSchemaRequestGetsJsonThatValidates() {
    try (OpenAiEmulator api = OpenAiEmulator.builder().trainedAnswers().start();
        DreamAnalysts analysts = DreamAnalysts.builder(api.client()).checkShutdownDates(false).build()) {
      DreamInterpretation reading = analysts.interpret(WHALE);

      assertThat(reading.summary()).isNotBlank();
      assertThat(reading.themes()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
      assertThat(reading.symbols()).isNotEmpty();
    }
  }

  @Test
  void theCannedResponderAnswersAJsonSchemaWithJsonToo() {
    try (OpenAiEmulator api = OpenAiEmulator.start();
        DreamAnalysts analysts = DreamAnalysts.builder(api.client()).checkShutdownDates(false).build()) {
      assertThat(analysts.interpret(WHALE).summary()).contains("Tell me more");
    }
  }

  @Test
  void schemaAnswersFollowTypesEnumsRefsAndLimits() {
    Map<String, Object> schema = JsonSupport.readObject("""
        {"type":"object","additionalProperties":false,"required":["mood","score","tags","kind","opt"],
         "$defs":{"tag":{"type":"string","maxLength":5}},
         "properties":{"mood":{"enum":["calm","wild"]},"score":{"type":"integer","minimum":3},
           "tags":{"type":"array","items":{"$ref":"#/$defs/tag"},"minItems":1,"maxItems":2},
           "kind":{"anyOf":[{"type":"null"},{"type":"boolean"}]},"opt":{"type":["string","null"]},
           "left":{"type":"string"}}}""");

    Map<String, Object> answer = JsonSupport.readObject(SchemaAnswer.fill(schema, "First one. Second one."));

    assertThat(answer).containsOnlyKeys("mood", "score", "tags", "kind", "opt");
    assertThat(answer).containsEntry("mood", "calm").containsEntry("score", 3L).containsEntry("kind", true);
    assertThat(answer.get("tags")).isEqualTo(List.of("first", "secon"));
    assertThat(answer.get("opt")).isEqualTo("First one.");
  }

  @Test
  void aConfiguredKeyIsCheckedWithOpenAisInvalidApiKeyBody() {
    try (OpenAiEmulator api = OpenAiEmulator.builder().checkApiKey(true).start();
        OpenAiClient wrong = api.clientBuilder().apiKey("sk-wrong-0123456789abcdefghijklmnop").maxRetries(0).build()) {
      assertThatThrownBy(() -> wrong.models().list())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("invalid_api_key")
          .hasMessageNotContaining("sk-wrong");
      assertThat(api.client().models().list()).isNotEmpty();
    }
  }

  @Test
  void aConfiguredKeyIsCheckedInAzuresApiKeyHeaderToo() {
    try (OpenAiEmulator api = OpenAiEmulator.builder().checkApiKey(true).start();
        OpenAiClient azure = api.clientBuilder().authStyle(dev.reve.openai.call.AuthStyle.API_KEY).maxRetries(0).build();
        OpenAiClient wrong = api.clientBuilder().authStyle(dev.reve.openai.call.AuthStyle.API_KEY)
            .apiKey("sk-wrong-0123456789abcdefghijklmnop").maxRetries(0).build()) {
      assertThat(azure.models().list()).isNotEmpty();
      assertThat(api.requests().received()).last()
          .satisfies(r -> assertThat(r.headers().get("api-key")).isEqualTo(api.apiKey()))
          .satisfies(r -> assertThat(r.headers().get("Authorization")).isNull());
      assertThatThrownBy(() -> wrong.models().list())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("invalid_api_key");
    }
  }

  private static DreamAnalysts analysts(OpenAiEmulator api, String jungModel) {
    return DreamAnalysts.builder(api.client())
        .checkShutdownDates(false)
        .resolver(dev.reve.analysis.ModelResolver.builder().isolated().model("jung", jungModel).build())
        .build();
  }
}
