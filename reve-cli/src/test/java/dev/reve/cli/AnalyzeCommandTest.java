package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import dev.reve.analysis.PromptBuilder;
import dev.reve.testing.CapturedLogs;
import dev.reve.testkit.ChatReply;
import dev.reve.testkit.EmulatedChat;
import dev.reve.testkit.EmulatedRequest;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import dev.reve.testkit.StoredModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
  static final String DREAM = "I was back at school and the exam had started without me.";
  static final String JUNG_TEXT = "Before I say anything about the exam, I should ask what you face now.";
  static final String FREUD_TEXT = "The dream shows the wish fulfilled: you are spared the test.";

  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  private OpenAiEmulator api;
  private Cli cli;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    api = openai.emulator();
    cli = Cli.against(api, dir);
    // these tests are about a chat model; ReasoningDefaultCommandTest runs with nothing set
    cli.env.put("REVE_BASE_MODEL", "gpt-4o-2024-08-06");
    CapturedLogs.clear();
  }

  /** Queues a finished answer from {@code model}, with usage 420 + 510 and request id req-MODEL. */
  private EmulatedChat answer(String model, String text) {
    return api.chat().enqueue(model, ChatReply.text(text).usage(420, 510).requestId("req-" + model));
  }

  /** Makes a fine-tuned model exist on the emulated account. */
  private void fineTune(String model) {
    api.models().add(StoredModel.of(model).ownedBy("acme"));
  }

  @Test
  void bothAnalystsOnTheBaseModelShowTextModelAndWhy() {
    answer("gpt-4o-2024-08-06", JUNG_TEXT);
    answer("gpt-4o-2024-08-06", FREUD_TEXT);

    Cli.Result result = cli.run("analyze", "--dream", DREAM, "--title", "The exam");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out())
        .contains("== Carl Gustav Jung (jung) ==", "== Sigmund Freud (freud) ==")
        .contains("Model: gpt-4o-2024-08-06 (base model)")
        .contains("Why:   no fine-tuned model is configured for jung; base model from environment"
            + " variable REVE_BASE_MODEL")
        .contains("420 prompt + 510 completion tokens, request id req-gpt-4o-2024-08-06");
    assertThat(result.out()).containsAnyOf(JUNG_TEXT, FREUD_TEXT);
    assertThat(api.chat().requests()).hasSize(2);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void requestsCarryTheAnalystsSystemPromptAndTheCanonicalUserMessage() {
    cli.env.put("OPENAI_JUNG_MODEL", "ft:gpt-4o-2024-08-06:acme:jung:J1");
    fineTune("ft:gpt-4o-2024-08-06:acme:jung:J1");
    answer("ft:gpt-4o-2024-08-06:acme:jung:J1", JUNG_TEXT);

    Cli.Result result = cli.run("analyze", "--analyst", "jung", "--dream", DREAM,
        "--title", "The exam", "--context", "34, nurse", "--associations", "school = my father");

    assertThat(result.code()).isEqualTo(0);
    EmulatedRequest request = api.chat().requests().get(0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages = (List<Map<String, Object>>) request.json().get("messages");
    Dream dream = Dream.builder(DREAM).title("The exam").context("34, nurse")
        .associations("school = my father").build();
    assertThat(messages.get(0)).containsEntry("role", "system")
        .containsEntry("content", BuiltInAnalysts.JUNG.systemPrompt());
    assertThat(messages.get(1)).containsEntry("role", "user")
        .containsEntry("content", PromptBuilder.userMessage(dream));
    assertThat(result.out())
        .contains("Model: ft:gpt-4o-2024-08-06:acme:jung:J1 (fine-tuned)")
        .contains("Why:   set by environment variable OPENAI_JUNG_MODEL")
        .contains(JUNG_TEXT)
        .doesNotContain("Sigmund Freud");
  }

  @Test
  void aGoneFineTuneFallsBackToTheBaseModelAndSaysSo() {
    cli.env.put("OPENAI_FREUD_MODEL", "ft:gpt-4o-2024-08-06:acme:freud:GONE");
    answer("gpt-4o-2024-08-06", FREUD_TEXT);

    Cli.Result result = cli.run("analyze", "--analyst", "freud", "--dream", DREAM);

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out())
        .contains("Model: gpt-4o-2024-08-06 (base model, after a fallback)")
        .contains("Why:   ft:gpt-4o-2024-08-06:acme:freud:GONE (set by environment variable"
            + " OPENAI_FREUD_MODEL) answered 404: it is gone or retired")
        .contains(FREUD_TEXT);
    assertThat(api.chat().requests()).extracting(r -> r.model().orElseThrow())
        .containsExactly("ft:gpt-4o-2024-08-06:acme:freud:GONE", "gpt-4o-2024-08-06");
  }

  @Test
  void jsonHasOneEntryPerAnalystWithEveryField() {
    cli.env.put("OPENAI_FREUD_MODEL", "ft:gone");
    cli.env.put("REVE_BASE_MODEL", "gpt-4o-mini");
    answer("gpt-4o-mini", JUNG_TEXT);
    answer("gpt-4o-mini", FREUD_TEXT);

    Cli.Result result = cli.run("analyze", "--dream", DREAM, "--title", "The exam", "--json");

    assertThat(result.code()).isEqualTo(0);
    Map<String, Object> doc = Json.object(result.out());
    @SuppressWarnings("unchecked")
    Map<String, Object> dream = (Map<String, Object>) doc.get("dream");
    assertThat(dream).containsEntry("title", "The exam").containsEntry("content", DREAM);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> analyses = (List<Map<String, Object>>) doc.get("analyses");
    assertThat(analyses).extracting(a -> a.get("analyst")).containsExactly("jung", "freud");
    Map<String, Object> jung = analyses.get(0);
    assertThat(jung).containsKeys("model", "fine_tuned", "fell_back", "finish_reason", "truncated",
        "tokens", "request_id", "text", "source", "setting", "status");
    assertThat(jung).containsEntry("model", "gpt-4o-mini").containsEntry("fine_tuned", false)
        .containsEntry("fell_back", false).containsEntry("finish_reason", "stop")
        .containsEntry("truncated", false).containsEntry("source", "base_model")
        .containsEntry("request_id", "req-gpt-4o-mini");
    assertThat(jung.get("text")).isIn(JUNG_TEXT, FREUD_TEXT);
    assertThat(jung.get("tokens")).isEqualTo(Map.of("prompt", 420.0, "completion", 510.0, "total", 930.0, "reasoning", 0.0));
    Map<String, Object> freud = analyses.get(1);
    assertThat(freud).containsEntry("fell_back", true).containsEntry("configured_model", "ft:gone")
        .containsEntry("setting", "environment variable OPENAI_FREUD_MODEL");
  }

  @Test
  void aFailingAnalystDoesNotHideTheOtherAndExits3() {
    cli.env.put("OPENAI_FREUD_MODEL", "ft:freud");
    fineTune("ft:freud");
    answer("gpt-4o-2024-08-06", JUNG_TEXT);
    api.chat().enqueue("ft:freud", quotaExceeded());

    Cli.Result text = cli.run("analyze", "--dream", DREAM);

    assertThat(text.code()).isEqualTo(3);
    assertThat(text.out()).contains(JUNG_TEXT).doesNotContain("Sigmund Freud");
    assertThat(text.err().lines().toList()).hasSize(1);
    assertThat(text.err()).contains("freud: ", "429", "You exceeded your current quota", "req-quota");

    answer("gpt-4o-2024-08-06", JUNG_TEXT);
    api.chat().enqueue("ft:freud", quotaExceeded());
    Cli.Result json = cli.run("analyze", "--dream", DREAM, "--json");

    assertThat(json.code()).isEqualTo(3);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> analyses = (List<Map<String, Object>>) Json.object(json.out()).get("analyses");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) analyses.get(1).get("error");
    assertThat(error).containsEntry("type", "InsufficientQuotaException").containsEntry("status", 429.0)
        .containsEntry("code", "insufficient_quota").containsEntry("request_id", "req-quota");
  }

  private static ChatReply quotaExceeded() {
    return ChatReply.error(429, "You exceeded your current quota.", "insufficient_quota", "insufficient_quota")
        .requestId("req-quota");
  }

  @Test
  void truncatedAnswersAreMarked() {
    api.chat().enqueue("gpt-4o-2024-08-06", ChatReply.truncated("It began with a").usage(420, 510).requestId("r1"));

    Cli.Result result = cli.run("analyze", "--analyst", "jung", "--dream", DREAM);
    api.chat().enqueue("gpt-4o-2024-08-06", ChatReply.truncated("It began with a").usage(420, 510).requestId("r2"));
    Cli.Result json = cli.run("analyze", "--analyst", "jung", "--dream", DREAM, "--json");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out()).contains("[Truncated: the answer reached the token limit");
    @SuppressWarnings("unchecked")
    Map<String, Object> jung = ((List<Map<String, Object>>) Json.object(json.out()).get("analyses")).get(0);
    assertThat(jung).containsEntry("truncated", true).containsEntry("finish_reason", "length")
        .containsEntry("status", "truncated");
  }

  @Test
  void streamPrintsTheTextAsItArrives() {
    api.chat().enqueue("gpt-4o-2024-08-06", streamed("Before I ", "say anything", "..."));

    Cli.Result result = cli.run("analyze", "--analyst", "jung", "--dream", DREAM, "--stream");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out()).contains("Model: gpt-4o-2024-08-06 (base model)", "Before I say anything...",
        "400 prompt + 12 completion tokens");
    assertThat(api.chat().requests().get(0).json()).containsEntry("stream", true);
  }

  /** A streamed answer in these pieces, with usage 400 + 12. */
  private static ChatReply streamed(String... pieces) {
    return ChatReply.text(String.join("", pieces)).pieces(pieces).usage(400, 12);
  }

  @Test
  void streamThatFallsBackSaysSoAfterTheText() {
    cli.env.put("OPENAI_JUNG_MODEL", "ft:jung:gone");
    api.chat().enqueue("gpt-4o-2024-08-06", streamed("Context first."));

    Cli.Result result = cli.run("analyze", "--analyst", "jung", "--dream", DREAM, "--stream");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out()).contains("Model: ft:jung:gone (fine-tuned)", "Context first.",
        "[Fell back: ft:jung:gone (set by environment variable OPENAI_JUNG_MODEL) answered 404");
  }

  @Test
  void streamWithAFailureReportsItAndGoesOn() {
    cli.env.put("OPENAI_JUNG_MODEL", "ft:jung");
    fineTune("ft:jung");
    api.chat().enqueue("ft:jung",
        ChatReply.error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key").requestId("req-401"));
    api.chat().enqueue("gpt-4o-2024-08-06", streamed("A wish."));

    Cli.Result result = cli.run("analyze", "--dream", DREAM, "--stream");

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("jung: HTTP 401", "req-401");
    assertThat(result.out()).contains("Sigmund Freud", "A wish.");
  }

  @Test
  void theDreamComesFromAFileOrStandardInput() throws Exception {
    Files.writeString(dir.resolve("dream.txt"), DREAM + "\n");
    answer("gpt-4o-2024-08-06", JUNG_TEXT);
    answer("gpt-4o-2024-08-06", JUNG_TEXT);

    Cli.Result fromFile = cli.run("analyze", "--analyst", "jung", "--file", "dream.txt");
    cli.stdin = DREAM;
    Cli.Result fromStdin = cli.run("analyze", "--analyst", "jung");

    assertThat(fromFile.code()).isEqualTo(0);
    assertThat(fromStdin.code()).isEqualTo(0);
    assertThat(api.chat().requests()).hasSize(2)
        .allSatisfy(r -> assertThat(r.body()).contains("the exam had started"));
  }

  @Test
  void badInputIsAUsageErrorBeforeAnyRequest() {
    assertThat(cli.run("analyze").code()).isEqualTo(2);
    assertThat(cli.run("analyze", "--dream", "   ").err()).contains("The dream is empty");
    assertThat(cli.run("analyze", "--dream", DREAM, "--file", "x.txt").err()).contains("not both");
    assertThat(cli.run("analyze", "--file", "missing.txt").err()).contains("does not exist");
    Cli.Result unknown = cli.run("analyze", "--analyst", "adler", "--dream", DREAM);
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown analyst 'adler'", "jung, freud");
    Cli.Result tooLong = cli.run("analyze", "--dream", "x".repeat(8_001));
    assertThat(tooLong.code()).isEqualTo(2);
    assertThat(tooLong.err()).contains("8001 characters", "limit is 8000");
    assertThat(cli.run("analyze", "--dream", DREAM, "--stream", "--json").code()).isEqualTo(2);
    assertThat(api.chat().requests()).isEmpty();
  }

  @Test
  void theModelsFileInTheWorkingDirectoryNamesTheFineTune() throws Exception {
    Files.writeString(dir.resolve("reve-models.properties"), "jung.model=ft:gpt-4o:acme:jung:F1\n");
    fineTune("ft:gpt-4o:acme:jung:F1");
    answer("ft:gpt-4o:acme:jung:F1", JUNG_TEXT);

    Cli.Result result = cli.run("analyze", "--analyst", "jung", "--dream", DREAM);

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out()).contains("Model: ft:gpt-4o:acme:jung:F1 (fine-tuned)")
        .contains("reve-models.properties: jung.model");
  }

  @Test
  void missingKeyIsReportedAfterInputChecksAndNothingIsSent() {
    cli.env.remove("OPENAI_API_KEY");
    cli.env.remove("OPENAI_BASE_URL");

    Cli.Result result = cli.run("analyze", "--dream", DREAM);

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("No API key");
    assertThat(api.requests().all()).isEmpty();
  }

  @Test
  void verboseAnalysisLogsTheExchangesButNeverTheKey() {
    cli.env.put("OPENAI_JUNG_MODEL", "ft:jung:gone");
    answer("gpt-4o-2024-08-06", JUNG_TEXT);

    Cli.Result result = cli.run("analyze", "--analyst", "jung", "--dream", DREAM, "--verbose");

    assertThat(result.code()).isEqualTo(0);
    assertThat(CapturedLogs.at("DEBUG")).anySatisfy(e -> assertThat(e.message()).contains("chat/completions"));
    assertThat(CapturedLogs.at("WARN")).anySatisfy(e -> assertThat(e.message()).contains("ft:jung:gone"));
    assertThat(CapturedLogs.text()).doesNotContain(Cli.KEY).doesNotContain("SECRET");
    assertThat(result.all()).doesNotContain(Cli.KEY);
  }
}
