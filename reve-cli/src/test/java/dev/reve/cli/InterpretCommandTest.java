package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.testkit.ChatReply;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class InterpretCommandTest {
  static final String READING =
      Json.write(Map.of(
          "summary", "The dreamer arrives late to an exam that has already begun.",
          "themes", List.of("being unprepared", "judgement"),
          "emotions", List.of("panic", "shame"),
          "symbols", List.of("school", "exam", "clock")));

  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  private OpenAiEmulator api;
  private Cli cli;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    api = openai.emulator();
    cli = Cli.against(api, dir);
  }

  @Test
  void printsSummaryThemesEmotionsSymbolsAndModel() {
    // nothing configured: the reasoning default base model interprets
    api.chat().enqueue(dev.reve.analysis.ModelResolver.DEFAULT_BASE_MODEL,
        ChatReply.text(READING).usage(420, 510).requestId("req-i1"));

    Cli.Result result = cli.run("interpret", "--dream", AnalyzeCommandTest.DREAM);

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out())
        .contains("Summary:  The dreamer arrives late")
        .contains("Themes:   being unprepared, judgement")
        .contains("Emotions: panic, shame")
        .contains("Symbols:  school, exam, clock")
        .contains("Model: gpt-6-luna (from the default base model", "request id req-i1");
    assertThat(api.chat().requests().get(0).json()).containsKey("response_format");
  }

  @Test
  void jsonHasTheStructuredFields() {
    cli.env.put("OPENAI_INTERPRETER_MODEL", "gpt-4o-mini");
    api.chat().enqueue("gpt-4o-mini", ChatReply.text(READING).usage(420, 510).requestId("req-i2"));

    Cli.Result result = cli.run("interpret", "--dream", AnalyzeCommandTest.DREAM, "--json");

    assertThat(result.code()).isEqualTo(0);
    assertThat(Json.object(result.out()))
        .containsEntry("summary", "The dreamer arrives late to an exam that has already begun.")
        .containsEntry("themes", List.of("being unprepared", "judgement"))
        .containsEntry("emotions", List.of("panic", "shame"))
        .containsEntry("symbols", List.of("school", "exam", "clock"))
        .containsEntry("model", "gpt-4o-mini")
        .containsEntry("fell_back", false)
        .containsEntry("request_id", "req-i2")
        .containsKey("tokens");
  }

  @Test
  void aMalformedReplyIsAnApiErrorLine() {
    api.chat().enqueue(dev.reve.analysis.ModelResolver.DEFAULT_BASE_MODEL, ChatReply.text("not json at all").usage(420, 510).requestId("req-bad"));

    Cli.Result result = cli.run("interpret", "--dream", AnalyzeCommandTest.DREAM);

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err()).contains("malformed");
  }
}
