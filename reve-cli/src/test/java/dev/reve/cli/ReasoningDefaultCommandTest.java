package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.ModelResolver;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code reve analyze} with nothing configured: the reasoning default base model. */
class ReasoningDefaultCommandTest {
  private static final String DREAM = "A staircase went down into green water and I kept walking.";

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
  void anAnalysisWithNothingSetRunsOnTheReasoningDefaultAndShowsItsReasoningTokens() {
    Cli.Result result = cli.run("analyze", "--analyst", "jung", "--dream", DREAM);

    assertThat(result.code()).as(result.all()).isEqualTo(0);
    assertThat(result.out()).contains("Model: " + ModelResolver.DEFAULT_BASE_MODEL + " (base model)",
        "(640 reasoning)");
    assertThat(api.chat().requests()).singleElement()
        .satisfies(r -> assertThat(r.json()).doesNotContainKey("temperature"));

    Map<String, Object> json = Json.object(cli.run("analyze", "--analyst", "jung", "--dream", DREAM, "--json").out());
    assertThat(json.toString()).contains("reasoning=640", "truncated_by_reasoning=false");
  }

  @Test
  void aCapabilitiesFileNamedByTheEnvironmentTeachesTheCommandANewModel() throws Exception {
    api.models().add("o3-acme-thinker");
    java.nio.file.Files.writeString(dir.resolve("caps.txt"),
        "o3-acme-thinker | - | reasoning | temperature,top_p,max_tokens | low | no | developer | - | 3000 | - | - | - | -\n");
    cli.env.put("REVE_BASE_MODEL", "o3-acme-thinker");
    cli.env.put("REVE_MODEL_CAPABILITIES", "caps.txt");

    Cli.Result result = cli.run("analyze", "--analyst", "freud", "--dream", DREAM);

    assertThat(result.code()).as(result.all()).isEqualTo(0);
    assertThat(api.chat().requests()).singleElement().satisfies(r -> assertThat(r.json())
        .doesNotContainKey("temperature")
        .containsEntry("reasoning_effort", "low")
        .containsEntry("max_completion_tokens", 3000L));

    java.nio.file.Files.writeString(dir.resolve("caps.txt"), "o3-acme-thinker | broken\n");
    Cli.Result bad = cli.run("analyze", "--analyst", "freud", "--dream", DREAM);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("caps.txt line 1");
  }

  @Test
  void whenTheBaseModelIsGoneTheErrorNamesTheModelsTheKeyCanUse() {
    api.models().remove(ModelResolver.DEFAULT_BASE_MODEL);

    Cli.Result result = cli.run("analyze", "--analyst", "jung", "--dream", DREAM);

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("'" + ModelResolver.DEFAULT_BASE_MODEL + "' is not available",
        "REVE_BASE_MODEL", "gpt-5-mini", "(from GET /models)");
  }
}
