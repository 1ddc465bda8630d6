package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reve demo}: the whole lifecycle offline, narrated, leaving nothing behind. */
class DemoCommandTest {
  @TempDir Path workingDirectory;
  @TempDir Path kept;

  @Test
  void theDemoNarratesTheWholeLifecycleOfflineAndLeavesNothingBehind() throws Exception {
    Cli cli = new Cli(workingDirectory);
    cli.env.put("OPENAI_API_KEY", Cli.KEY);
    cli.env.put("OPENAI_JUNG_MODEL", "ft:gpt-4o:someone:else:1");

    Cli.Result result = cli.run("demo");

    assertThat(result.code()).as(result.all()).isZero();
    String out = result.out();
    assertThat(out).contains("Running offline on the embedded OpenAI emulator: no API key is needed")
        .contains("OPENAI_API_KEY is set, but the demo spends nothing without --live");
    for (int step = 1; step <= 7; step++) {
      assertThat(out).contains("== Step " + step + " of 7");
    }
    // validation: examples, exact tokens, cost
    assertThat(result.err()).contains("jung").contains("freud").contains("tokens").contains("Estimated training cost");
    // upload with a progress bar, both jobs followed to success with steps and loss
    assertThat(result.err()).contains("upload");
    assertThat(out).contains("jung: step 4/4").contains("freud: step 4/4").contains("training loss")
        .contains("Every job succeeded");
    assertThat(out).contains("OPENAI_JUNG_MODEL=ft:gpt-4o-2024-08-06:emulator:jung")
        .contains("OPENAI_FREUD_MODEL=ft:gpt-4o-2024-08-06:emulator:freud");
    // both analysts answer from their training data, marked as emulated
    String analyses = between(out, "== Step 5 of 7", "== Step 6 of 7");
    assertThat(analyses).contains("Carl Gustav Jung").contains("Sigmund Freud").contains(EmbeddedEmulator.note());
    assertThat(trainedAnswers("jung")).contains(answerOf(analyses, "(jung)"));
    assertThat(trainedAnswers("freud")).contains(answerOf(analyses, "(freud)"));
    // the structured interpretation
    assertThat(between(out, "== Step 6 of 7", "== Step 7 of 7")).contains("Summary:").contains("Themes:")
        .contains("Symbols:");
    // Freud's model deleted, Freud falls back to the base model
    String fallback = out.substring(out.indexOf("== Step 7 of 7"));
    assertThat(fallback).contains("Deleted ft:gpt-4o-2024-08-06:emulator:freud").contains("[Emulated] This placeholder")
        .contains("Sigmund Freud").contains("(base model, after a fallback)").contains("answered with the same prompt");
    assertThat(out).contains("== What next").contains("reve demo --live").contains("--base-url")
        .contains("another trainer");
    try (Stream<Path> left = Files.list(workingDirectory)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void keepKeepsTheFolderWithTheTrainingDataStateAndModels() throws Exception {
    Cli cli = new Cli(workingDirectory);
    Path folder = kept.resolve("demo");

    Cli.Result result = cli.run("demo", "--keep", folder.toString());

    assertThat(result.code()).as(result.all()).isZero();
    assertThat(folder.resolve("training-data/jung-examples.jsonl")).exists();
    assertThat(folder.resolve("reve-finetune.json")).exists();
    assertThat(Files.readString(folder.resolve("reve-models.properties"))).contains("jung.model=ft:");
    assertThat(folder.resolve("emulator/state.json")).exists();
    assertThat(result.out()).contains("Kept everything in " + folder);
  }

  @Test
  void liveAsksBeforeSpendingAndSpendsNothingWithoutAYes() throws Exception {
    Cli cli = new Cli(workingDirectory);
    cli.env.put("OPENAI_API_KEY", Cli.KEY);
    cli.env.put("OPENAI_BASE_URL", "http://127.0.0.1:9/v1/"); // nothing listens: any request would fail
    cli.stdin = "no\n";

    Cli.Result result = cli.run("demo", "--live");

    assertThat(result.code()).isEqualTo(ExitCode.FAILURE);
    assertThat(result.out()).contains("Running LIVE").contains("Estimated training cost: $")
        .contains("Spend it?").contains("Nothing was spent").doesNotContain("== Step 2 of 7");
    try (Stream<Path> left = Files.list(workingDirectory)) {
      assertThat(left).isEmpty();
    }
  }

  /** Every answer in the repository's training file of an analyst, stripped. */
  @SuppressWarnings("unchecked")
  static java.util.Set<String> trainedAnswers(String analyst) throws java.io.IOException {
    java.util.Set<String> answers = new java.util.HashSet<>();
    for (String line : Files.readAllLines(Path.of("..", "training-data", analyst + "-examples.jsonl"))) {
      for (Object m : (java.util.List<Object>) Json.object(line).get("messages")) {
        java.util.Map<String, Object> message = (java.util.Map<String, Object>) m;
        if (message.get("role").equals("assistant")) {
          answers.add(((String) message.get("content")).strip());
        }
      }
    }
    return answers;
  }

  private static String between(String text, String from, String to) {
    return text.substring(text.indexOf(from), text.indexOf(to));
  }

  /** The answer under an analyst's header, up to the token line. */
  private static String answerOf(String section, String analystTag) {
    String rest = section.substring(section.indexOf(analystTag));
    rest = rest.substring(rest.indexOf(EmbeddedEmulator.note()) + EmbeddedEmulator.note().length()).strip();
    return rest.substring(0, rest.indexOf("\n(")).strip();
  }
}
