package dev.reve.analysis;

import static dev.reve.analysis.Fixtures.DREAM;
import static dev.reve.analysis.Fixtures.answer;
import static dev.reve.analysis.Fixtures.body;
import static dev.reve.analysis.Fixtures.completion;
import static dev.reve.analysis.Fixtures.modelList;
import static dev.reve.analysis.Fixtures.modelNotFound;
import static dev.reve.analysis.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.error.BadRequestException;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.FinishReason;
import dev.reve.testing.CapturedLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DreamAnalystTest {
  private static final String JUNG_FT = "ft:gpt-4o-2024-08-06:acme:jung:AbC123";
  private static final String ANSWER =
      "Before I say anything about the school, I should need to know what examination you face"
          + " in your waking life.";

  private final MockWebServer server = new MockWebServer();
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = Fixtures.client(server);
    CapturedLogs.clear();
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

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  @Test
  void baseModelRequestCarriesSystemPromptDreamAndDefaults() throws Exception {
    server.enqueue(answer("gpt-4o-2024-08-06", ANSWER));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      Analysis analysis = analysts.analyst("jung").analyze(DREAM);

      Map<String, Object> sent = body(take());
      assertThat(sent)
          .containsEntry("model", "gpt-4o-2024-08-06")
          .containsEntry("temperature", 0.8)
          .containsEntry("max_completion_tokens", 1200.0)
          .doesNotContainKeys("max_tokens", "stream", "response_format");
      assertThat(sent.get("messages"))
          .isEqualTo(
              List.of(
                  Map.of("role", "system", "content", BuiltInAnalysts.JUNG.systemPrompt()),
                  Map.of(
                      "role",
                      "user",
                      "content",
                      "Analyze this dream.\n\nTitle: The exam\n\nDream:\nI was back at school and"
                          + " the exam had started without me.")));

      assertThat(analysis.analystId()).isEqualTo("jung");
      assertThat(analysis.text()).isEqualTo(ANSWER);
      assertThat(analysis.model()).isEqualTo("gpt-4o-2024-08-06");
      assertThat(analysis.fineTuned()).isFalse();
      assertThat(analysis.source()).isEqualTo(ModelSource.BASE_MODEL);
      assertThat(analysis.fellBack()).isFalse();
      assertThat(analysis.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(analysis.status()).isEqualTo(AnalysisStatus.COMPLETE);
      assertThat(analysis.truncated()).isFalse();
      assertThat(analysis.usage().completionTokens()).isEqualTo(510);
      assertThat(analysis.requestId()).contains("req-gpt-4o-2024-08-06");
    }
  }

  @Test
  void fineTunedModelGetsExactlyTheSameMessagesAsTheBaseModel() throws Exception {
    server.enqueue(answer("gpt-4o-2024-08-06", ANSWER));
    server.enqueue(answer(JUNG_FT, ANSWER));
    try (DreamAnalysts base = analysts(Map.of());
        DreamAnalysts tuned = analysts(Map.of("OPENAI_JUNG_MODEL", JUNG_FT))) {
      base.analyst("jung").analyze(DREAM);
      Analysis analysis = tuned.analyst("jung").analyze(DREAM);

      Map<String, Object> baseBody = body(take());
      Map<String, Object> tunedBody = body(take());
      assertThat(tunedBody.get("model")).isEqualTo(JUNG_FT);
      assertThat(tunedBody.get("messages")).isEqualTo(baseBody.get("messages"));
      assertThat(tunedBody).hasSameSizeAs(baseBody);
      baseBody.remove("model");
      tunedBody.remove("model");
      assertThat(tunedBody).isEqualTo(baseBody);
      assertThat(analysis.fineTuned()).isTrue();
      assertThat(analysis.source()).isEqualTo(ModelSource.ENVIRONMENT);
      assertThat(analysis.model()).isEqualTo(JUNG_FT);
    }
  }

  @Test
  void freudSendsFreudsPromptWithTheSameUserTemplate() throws Exception {
    server.enqueue(answer("gpt-4o-2024-08-06", "I must confess the examination dream is an old friend."));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      analysts.analyst("freud").analyze(DREAM);
      List<?> messages = (List<?>) body(take()).get("messages");
      assertThat(messages.get(0))
          .isEqualTo(Map.of("role", "system", "content", BuiltInAnalysts.FREUD.systemPrompt()));
      assertThat(((Map<?, ?>) messages.get(1)).get("content"))
          .isEqualTo(PromptBuilder.userMessage(DREAM));
    }
  }

  @Test
  void optionsOverrideTheDefaultsPerCall() throws Exception {
    server.enqueue(answer("gpt-4o-2024-08-06", ANSWER));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      AnalysisOptions options =
          AnalysisOptions.builder()
              .noTemperature()
              .maxCompletionTokens(2000)
              .seed(7)
              .legacyMaxTokens(true)
              .build();
      analysts.analyst("jung").analyze(DREAM, options);
      Map<String, Object> sent = body(take());
      assertThat(sent)
          .doesNotContainKeys("temperature", "max_completion_tokens")
          .containsEntry("max_tokens", 2000.0)
          .containsEntry("seed", 7.0);
    }
  }

  @Test
  void retiredFineTuneFallsBackToTheBaseModelWithTheSameMessagesAndWarnsOnce() throws Exception {
    server.enqueue(modelNotFound(JUNG_FT));
    server.enqueue(answer("gpt-4o-2024-08-06", ANSWER));
    server.enqueue(modelNotFound(JUNG_FT));
    server.enqueue(answer("gpt-4o-2024-08-06", ANSWER));
    try (DreamAnalysts analysts = analysts(Map.of("OPENAI_JUNG_MODEL", JUNG_FT))) {
      Analysis first = analysts.analyst("jung").analyze(DREAM);
      Analysis second = analysts.analyst("jung").analyze(DREAM);

      Map<String, Object> tried = body(take());
      Map<String, Object> fallback = body(take());
      assertThat(tried.get("model")).isEqualTo(JUNG_FT);
      assertThat(fallback.get("model")).isEqualTo("gpt-4o-2024-08-06");
      assertThat(fallback.get("messages")).isEqualTo(tried.get("messages"));
      assertThat(server.getRequestCount()).isEqualTo(4);

      for (Analysis analysis : List.of(first, second)) {
        assertThat(analysis.fellBack()).isTrue();
        assertThat(analysis.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(analysis.fineTuned()).isFalse();
        assertThat(analysis.source()).isEqualTo(ModelSource.ENVIRONMENT);
        assertThat(analysis.text()).isEqualTo(ANSWER);
      }
      List<CapturedLogs.Event> warnings =
          CapturedLogs.at("WARN").stream().filter(e -> e.message().contains(JUNG_FT)).toList();
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0).message())
          .contains("OPENAI_JUNG_MODEL", "404", "gpt-4o-2024-08-06")
          .doesNotContain(Fixtures.API_KEY);
    }
  }

  @Test
  void missingBaseModelNamesTheSettingToChange() {
    server.enqueue(modelNotFound(ModelResolver.DEFAULT_BASE_MODEL));
    server.enqueue(modelList("gpt-4o-retired", "text-embedding-3-small", "gpt-5-mini", "acme-local"));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      assertThatThrownBy(() -> analysts.analyst("freud").analyze(DREAM))
          .isInstanceOfSatisfying(ModelUnavailableException.class, e -> {
            // the known model first; neither the embedding model nor the one past its shutdown
            assertThat(e.usableModels()).containsExactly("gpt-5-mini", "acme-local");
            assertThat(e).hasMessageContaining("REVE_BASE_MODEL")
                .hasMessageContaining(ModelResolver.DEFAULT_BASE_MODEL)
                .hasMessageContaining("such as gpt-5-mini, acme-local (from GET /models)")
                .hasMessageNotContaining(Fixtures.API_KEY);
          });
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void whenFineTuneAndBaseModelAreBothGoneTheErrorNamesTheBaseModelSetting() {
    server.enqueue(modelNotFound(JUNG_FT));
    server.enqueue(modelNotFound("gpt-4o-old"));
    server.enqueue(modelList("gpt-4o-old"));
    try (DreamAnalysts analysts =
        analysts(Map.of("OPENAI_JUNG_MODEL", JUNG_FT, "REVE_BASE_MODEL", "gpt-4o-old"))) {
      assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM))
          .isInstanceOfSatisfying(
              ModelUnavailableException.class,
              e -> {
                assertThat(e.model()).isEqualTo("gpt-4o-old");
                assertThat(e.setting()).isEqualTo("environment variable REVE_BASE_MODEL");
                assertThat(e.getSuppressed()).hasSize(1);
              });
    }
  }

  @Test
  void otherErrorsAreNotTurnedIntoAFallback() {
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .body(
                "{\"error\":{\"message\":\"bad temperature\",\"type\":\"invalid_request_error\"}}")
            .build());
    try (DreamAnalysts analysts = analysts(Map.of("OPENAI_JUNG_MODEL", JUNG_FT))) {
      assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM))
          .isInstanceOf(BadRequestException.class)
          .hasMessageContaining("bad temperature");
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void answerCutAtTheTokenLimitIsReportedTruncated() {
    server.enqueue(ok(completion("gpt-4o-2024-08-06", "The school stands for", null, "length"), "r1"));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      Analysis analysis = analysts.analyst("jung").analyze(DREAM);
      assertThat(analysis.truncated()).isTrue();
      assertThat(analysis.status()).isEqualTo(AnalysisStatus.TRUNCATED);
      assertThat(analysis.isComplete()).isFalse();
      assertThat(analysis.text()).isEqualTo("The school stands for");
      assertThatThrownBy(analysis::requireComplete)
          .isInstanceOfSatisfying(
              IncompleteAnalysisException.class, e -> assertThat(e.analysis()).isSameAs(analysis))
          .hasMessageContaining("maxCompletionTokens");
    }
  }

  @Test
  void refusalIsReportedAsRefusalNotAsText() {
    server.enqueue(ok(completion("gpt-4o-2024-08-06", null, "I can't help with that.", "stop"), "r2"));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      Analysis analysis = analysts.analyst("freud").analyze(DREAM);
      assertThat(analysis.status()).isEqualTo(AnalysisStatus.REFUSED);
      assertThat(analysis.refused()).isTrue();
      assertThat(analysis.refusal()).contains("I can't help with that.");
      assertThat(analysis.text()).isEmpty();
      assertThat(analysis.isComplete()).isFalse();
    }
  }

  @Test
  void contentFilterIsReportedAsSuch() {
    server.enqueue(ok(completion("gpt-4o-2024-08-06", null, null, "content_filter"), "r3"));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      Analysis analysis = analysts.analyst("freud").analyze(DREAM);
      assertThat(analysis.status()).isEqualTo(AnalysisStatus.CONTENT_FILTERED);
      assertThat(analysis.contentFiltered()).isTrue();
      assertThat(analysis.text()).isEmpty();
    }
  }

  @Test
  void streamingHandsOverDeltasAndAssemblesTheAnalysis() throws Exception {
    server.enqueue(Fixtures.stream("gpt-4o-2024-08-06", "stop", "Before I ", "say anything, ", "tell me."));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      List<String> deltas = new ArrayList<>();
      Analysis analysis = analysts.analyst("jung").stream(DREAM, deltas::add);

      assertThat(deltas).containsExactly("Before I ", "say anything, ", "tell me.");
      assertThat(analysis.text()).isEqualTo("Before I say anything, tell me.");
      assertThat(analysis.status()).isEqualTo(AnalysisStatus.COMPLETE);
      assertThat(analysis.usage().completionTokens()).isEqualTo(12);
      Map<String, Object> sent = body(take());
      assertThat(sent).containsEntry("stream", true);
      assertThat(((List<?>) sent.get("messages")).get(0))
          .isEqualTo(Map.of("role", "system", "content", BuiltInAnalysts.JUNG.systemPrompt()));
    }
  }

  @Test
  void streamingFallsBackBeforeAnyTextArrives() throws Exception {
    server.enqueue(modelNotFound(JUNG_FT));
    server.enqueue(Fixtures.stream("gpt-4o-2024-08-06", "length", "Cut ", "off"));
    try (DreamAnalysts analysts = analysts(Map.of("OPENAI_JUNG_MODEL", JUNG_FT))) {
      List<String> deltas = new ArrayList<>();
      Analysis analysis = analysts.analyst("jung").stream(DREAM, deltas::add);
      assertThat(deltas).containsExactly("Cut ", "off");
      assertThat(analysis.fellBack()).isTrue();
      assertThat(analysis.truncated()).isTrue();
    }
  }

  @Test
  void asyncAnalysisCompletesWithTheSameResult() throws Exception {
    server.enqueue(answer("gpt-4o-2024-08-06", ANSWER));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      Analysis analysis = analysts.analyst("jung").analyzeAsync(DREAM).get(5, TimeUnit.SECONDS);
      assertThat(analysis.text()).isEqualTo(ANSWER);
    }
  }

  @Test
  void invalidDreamsAreRejectedBeforeAnyRequestWithTheLimitInTheMessage() {
    try (DreamAnalysts analysts =
        DreamAnalysts.builder(client)
            .resolver(Fixtures.resolver(Map.of()).build())
            .limits(DreamLimits.DEFAULT.withMaxContent(50))
            .checkShutdownDates(false)
            .build()) {
      DreamAnalyst jung = analysts.analyst("jung");
      Dream tooLong = Dream.of("x".repeat(51));
      assertThatThrownBy(() -> jung.analyze(tooLong))
          .isInstanceOf(InvalidDreamException.class)
          .hasMessageContaining("51 characters")
          .hasMessageContaining("limit is 50");
      Dream longTitle = Dream.of("a dream").withTitle("t".repeat(201));
      assertThatThrownBy(() -> jung.analyze(longTitle))
          .isInstanceOf(InvalidDreamException.class)
          .hasMessageContaining("title")
          .hasMessageContaining("200");
      assertThatThrownBy(() -> jung.analyzeAsync(tooLong).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(InvalidDreamException.class);
      assertThatThrownBy(() -> Dream.of(" \n\t\u0000 "))
          .isInstanceOf(InvalidDreamException.class)
          .hasMessageContaining("empty");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void unknownAnalystListsTheKnownOnes() {
    try (DreamAnalysts analysts = analysts(Map.of())) {
      assertThatThrownBy(() -> analysts.analyst("adler"))
          .isInstanceOf(UnknownAnalystException.class)
          .hasMessageContaining("'adler'")
          .hasMessageContaining("jung, freud");
    }
  }

  @Test
  void controlCharactersAreStrippedBeforeTheyReachThePrompt() throws Exception {
    server.enqueue(answer("gpt-4o-2024-08-06", ANSWER));
    try (DreamAnalysts analysts = analysts(Map.of())) {
      analysts.analyst("jung").analyze(Dream.of("A door\u0007 opened\u001b[31m\r\ninto water."));
      List<?> messages = (List<?>) body(take()).get("messages");
      assertThat(((Map<?, ?>) messages.get(1)).get("content"))
          .isEqualTo("Analyze this dream.\n\nDream:\nA door opened[31m\ninto water.");
    }
  }

  @Test
  void aCustomAnalystNeedsOnlyItsProfile() throws Exception {
    AnalystProfile adler =
        new AnalystProfile(
            "adler",
            "Alfred Adler",
            "Physician",
            "1912-1937",
            "Individual psychology",
            "Reads the dream as a rehearsal of the dreamer's goal.",
            "Austrian physician (1870-1937).",
            "You are Alfred Adler. Read the dream as a rehearsal of the dreamer's goal.");
    server.enqueue(answer("ft:adler", "The dream rehearses a goal."));
    try (DreamAnalysts analysts =
        DreamAnalysts.builder(client)
            .register(adler)
            .resolver(Fixtures.resolver(Map.of("OPENAI_ADLER_MODEL", "ft:adler")).build())
            .checkShutdownDates(false)
            .build()) {
      Analysis analysis = analysts.analyst("adler").analyze(DREAM);
      assertThat(analysis.fineTuned()).isTrue();
      List<?> messages = (List<?>) body(take()).get("messages");
      assertThat(messages.get(0))
          .isEqualTo(Map.of("role", "system", "content", adler.systemPrompt()));
      assertThat(analysts.registry().ids()).containsExactly("jung", "freud", "adler");
    }
  }

  @Test
  void cancellingTheFutureCancelsTheHttpCall() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch callCancelled = new CountDownLatch(1);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            arrived.countDown();
            release.await(5, TimeUnit.SECONDS);
            return answer("gpt-4o-2024-08-06", ANSWER);
          }
        });
    OkHttpClient http =
        new OkHttpClient.Builder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void canceled(Call call) {
                    callCancelled.countDown();
                  }
                })
            .build();
    try (OpenAiClient watched =
            OpenAiClient.builder()
                .baseUrl(server.url("/v1/").toString())
                .apiKey(Fixtures.API_KEY)
                .okHttpClient(http)
                .maxRetries(0)
                .build();
        DreamAnalysts analysts =
            DreamAnalysts.builder(watched)
                .resolver(Fixtures.resolver(Map.of()).build())
                .checkShutdownDates(false)
                .build()) {
      CompletableFuture<Analysis> future = analysts.analyst("jung").analyzeAsync(DREAM);
      assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();

      assertThat(future.cancel(true)).isTrue();

      assertThat(callCancelled.await(5, TimeUnit.SECONDS))
          .as("the HTTP call was cancelled")
          .isTrue();
      release.countDown();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
