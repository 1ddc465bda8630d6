package dev.reve.analysis;

import static dev.reve.analysis.Fixtures.answer;
import static dev.reve.analysis.Fixtures.body;
import static dev.reve.analysis.Fixtures.modelNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalysisSessionTest {
  private static final String BASE = "gpt-4o-2024-08-06";
  private static final String JUNG_FT = "ft:gpt-4o-2024-08-06:acme:jung:AbC123";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

  private final MockWebServer server = new MockWebServer();
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = Fixtures.client(server);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private DreamAnalysts analysts(Map<String, String> env) {
    return DreamAnalysts.builder(client)
        .resolver(Fixtures.resolver(env).build())
        .checkShutdownDates(false)
        .build();
  }

  private SessionOptions options(DreamAnalysts analysts) {
    return SessionOptions.builder(analysts.defaultOptions()).clock(CLOCK).build();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> sentMessages() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return (List<Map<String, Object>>) body(request).get("messages");
  }

  private static List<Map<String, Object>> wire(List<ChatMessage> messages) {
    List<Map<String, Object>> out = new ArrayList<>();
    messages.forEach(m -> out.add(Map.of("role", m.role(), "content", m.content())));
    return out;
  }

  @Test
  void threeTurnsCarryTheSameSystemPromptAndTheWholeHistoryInOrder() throws Exception {
    server.enqueue(answer(BASE, "What does the school bring to mind?"));
    server.enqueue(answer(BASE, "Then the exam is the new post."));
    server.enqueue(answer(BASE, "Your objection is itself part of the dream."));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      AnalysisSession session = analysts.analyst("jung").session(Fixtures.DREAM, options(analysts));
      SessionTurn first = session.begin();
      SessionTurn second = session.reply("The school is where I failed maths.");
      SessionTurn third = session.reply("I do not think it is about work at all.");

      String system = analysts.analyst("jung").profile().systemPrompt();
      List<Map<String, Object>> one = sentMessages();
      List<Map<String, Object>> two = sentMessages();
      List<Map<String, Object>> three = sentMessages();
      assertThat(one).isEqualTo(wire(PromptBuilder.messages(analysts.analyst("jung").profile(), Fixtures.DREAM)));
      for (List<Map<String, Object>> request : List.of(one, two, three)) {
        assertThat(request.get(0)).isEqualTo(Map.of("role", "system", "content", system));
        assertThat(request.get(1).get("content")).isEqualTo(PromptBuilder.userMessage(Fixtures.DREAM));
      }
      assertThat(three).extracting(m -> m.get("role"))
          .containsExactly("system", "user", "assistant", "user", "assistant", "user");
      assertThat(three).extracting(m -> m.get("content")).containsSubsequence(
          "What does the school bring to mind?", "The school is where I failed maths.",
          "Then the exam is the new post.", "I do not think it is about work at all.");
      assertThat(three.subList(0, 4)).isEqualTo(two);

      assertThat(first.number()).isEqualTo(1);
      assertThat(first.reply()).isEmpty();
      assertThat(second.reply()).contains("The school is where I failed maths.");
      assertThat(third.answer()).isEqualTo("Your objection is itself part of the dream.");
      assertThat(third.model()).isEqualTo(BASE);
      assertThat(third.usage().promptTokens()).isEqualTo(420);
      assertThat(third.startedAt()).isEqualTo(CLOCK.instant());
      assertThat(session.turns()).hasSize(3);
    }
  }

  @Test
  void aRetiredFineTuneFallsBackWithTheSameMessagesAndTheTurnSaysSo() throws Exception {
    server.enqueue(answer(JUNG_FT, "First reading."));
    server.enqueue(modelNotFound(JUNG_FT));
    server.enqueue(answer(BASE, "Revised reading."));
    try (DreamAnalysts analysts = analysts(Map.of("OPENAI_JUNG_MODEL", JUNG_FT))) {
      AnalysisSession session = analysts.analyst("jung").session(Fixtures.DREAM, options(analysts));
      assertThat(session.begin().fineTuned()).isTrue();
      SessionTurn second = session.reply("It was my grandmother's school.");
      sentMessages();
      List<Map<String, Object>> tuned = sentMessages();
      List<Map<String, Object>> fallback = sentMessages();
      assertThat(fallback).isEqualTo(tuned).hasSize(4);
      assertThat(second.fellBack()).isTrue();
      assertThat(second.model()).isEqualTo(BASE);
      assertThat(second.fineTuned()).isFalse();
    }
  }

  @Test
  void transcriptRoundTripsAndResumes() throws Exception {
    server.enqueue(answer(BASE, "Tell me about the garden."));
    server.enqueue(answer(BASE, "Now the garden is your aunt's."));
    server.enqueue(answer(BASE, "And the third turn after resuming."));
    Dream dream = Dream.builder("A garden \"behind\" glass.\nIt rained.").context("41").build();
    EarlierDream earlier = new EarlierDream(LocalDate.of(2026, 2, 1),
        Dream.of("The same garden, but dry."), java.util.Optional.of("A first reading."));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      SessionOptions options = SessionOptions.builder(analysts.defaultOptions())
          .clock(CLOCK).series(List.of(earlier)).build();
      AnalysisSession session = analysts.analyst("freud").session(dream, options);
      session.begin();
      session.reply("My aunt's garden.");
      String json = session.transcript().toJson();
      assertThat(json).doesNotContain(Fixtures.API_KEY).contains("\"version\":1");

      SessionTranscript back = SessionTranscript.fromJson(json);
      assertThat(back).isEqualTo(session.transcript());
      AnalysisSession resumed = analysts.analyst("freud").resume(back, options);
      resumed.reply("She sold it.");
      sentMessages();
      List<Map<String, Object>> before = sentMessages();
      List<Map<String, Object>> after = sentMessages();
      assertThat(after.subList(0, 4)).isEqualTo(before);
      assertThat((String) after.get(1).get("content"))
          .contains(PromptBuilder.SERIES_START, "Dreamt on 2026-02-01:", "Your reading then:\nA first reading.");
      assertThat(resumed.turns()).hasSize(3);
      assertThatThrownBy(() -> analysts.analyst("jung").resume(back))
          .hasMessageContaining("'freud', not 'jung'");
    }
    assertThatThrownBy(() -> SessionTranscript.fromJson("{\"format\":\"reve-session\",\"version\":9}"))
        .isInstanceOf(InvalidTranscriptException.class).hasMessageContaining("version 9");
  }

  @Test
  void aHistoryOverBudgetKeepsTheDreamAndTheLatestTurnsAndSaysWhatWasLeftOut() throws Exception {
    String longAnswer = "word ".repeat(400);
    server.enqueue(answer(BASE, longAnswer + "one"));
    server.enqueue(answer(BASE, longAnswer + "two"));
    server.enqueue(answer(BASE, "three"));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      AnalystProfile jung = analysts.analyst("jung").profile();
      int base = TokenEstimator.estimate().countMessages(PromptBuilder.messages(jung, Fixtures.DREAM));
      SessionOptions options = SessionOptions.builder(analysts.defaultOptions())
          .clock(CLOCK).budget(HistoryBudget.of(base + 700)).build();
      AnalysisSession session = analysts.analyst("jung").session(Fixtures.DREAM, options);
      session.begin();
      assertThat(session.reply("first reply").leftOut()).isEmpty();
      SessionTurn third = session.reply("second reply");
      sentMessages();
      sentMessages();
      List<Map<String, Object>> cut = sentMessages();
      assertThat(cut).extracting(m -> m.get("content")).containsExactly(
          jung.systemPrompt(), PromptBuilder.userMessage(Fixtures.DREAM), (longAnswer + "two").strip(), "second reply");
      assertThat(third.leftOut()).get().asString()
          .contains("the first exchange (answer 1 and the reply to it)", "the dream and the latest turns were kept");
      assertThat(session.transcript().turns()).hasSize(3);

      AnalysisSession tiny = analysts.analyst("jung").session(Fixtures.DREAM,
          SessionOptions.builder(analysts.defaultOptions()).budget(HistoryBudget.of(base - 1)).build());
      assertThatThrownBy(tiny::begin).isInstanceOf(HistoryTooLongException.class)
          .hasMessageContaining("raise HistoryBudget.maxPromptTokens");
      assertThat(server.getRequestCount()).isEqualTo(3);
    }
  }

  @Test
  void twoAnalystsHoldParallelSessionsOnOneDreamAsynchronously() throws Exception {
    server.enqueue(answer(BASE, "an answer"));
    server.enqueue(answer(BASE, "an answer"));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      CompletableFuture<SessionTurn> jung = analysts.analyst("jung").session(Fixtures.DREAM).beginAsync();
      CompletableFuture<SessionTurn> freud = analysts.analyst("freud").session(Fixtures.DREAM).beginAsync();
      assertThat(jung.get(5, TimeUnit.SECONDS).answer()).isEqualTo("an answer");
      assertThat(freud.get(5, TimeUnit.SECONDS).answer()).isEqualTo("an answer");
      List<Object> systems = List.of(sentMessages().get(0).get("content"), sentMessages().get(0).get("content"));
      assertThat(systems).containsExactlyInAnyOrder(
          analysts.analyst("jung").profile().systemPrompt(), analysts.analyst("freud").profile().systemPrompt());
    }
  }

  @Test
  void streamingRepliesAndTurnOrderRules() throws Exception {
    server.enqueue(answer(BASE, "first"));
    server.enqueue(Fixtures.stream(BASE, "stop", "Re", "vised."));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      AnalysisSession session = analysts.analyst("jung").session(Fixtures.DREAM);
      assertThatThrownBy(() -> session.reply("too early")).isInstanceOf(IllegalStateException.class);
      session.begin();
      assertThatThrownBy(session::begin).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> session.reply("  ")).isInstanceOf(IllegalArgumentException.class);
      StringBuilder seen = new StringBuilder();
      SessionTurn turn = session.reply("a reply", seen::append);
      assertThat(seen).hasToString("Revised.");
      assertThat(turn.answer()).isEqualTo("Revised.");
    }
  }

  @Test
  void oneTurnIsByteForByteASingleAnalysisAndTheTrainingExample() {
    AnalystProfile jung = BuiltInAnalysts.JUNG;
    assertThat(PromptBuilder.conversation(jung, Fixtures.DREAM, List.of(), List.of()))
        .isEqualTo(PromptBuilder.messages(jung, Fixtures.DREAM));
    assertThat(PromptBuilder.conversation(jung, Fixtures.DREAM, List.of(), List.of(" answer ")))
        .isEqualTo(List.of(ChatMessage.system(jung.systemPrompt()),
            ChatMessage.user(PromptBuilder.userMessage(Fixtures.DREAM)), ChatMessage.assistant("answer")));
    String withSeries = PromptBuilder.userMessage(Fixtures.DREAM,
        List.of(EarlierDream.of(LocalDate.of(2026, 1, 2), Dream.of("Earlier."))));
    assertThat(PromptBuilder.parseUserMessage(withSeries)).contains(Fixtures.DREAM);
  }
}
