package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.Dream;
import dev.reve.analysis.ModelResolver;
import dev.reve.analysis.PromptBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --emulator}: a whole fine-tuning lifecycle across separate invocations, each with its
 * own embedded emulator on the same state folder, with no key.
 */
@SuppressWarnings("unchecked")
class EmulatorSessionTest {
  @TempDir Path dir;
  @TempDir Path home;

  @Test
  void aCompleteSessionAcrossSeparateInvocations() throws Exception {
    copyTrainingData();
    Cli cli = new Cli(dir);
    // the user's key must never reach the emulator, which would refuse it (401)
    cli.env.put("OPENAI_API_KEY", Cli.KEY);
    String state = home.resolve("emu").toString();

    Cli.Result start = cli.run("--emulator-state", state, "finetune", "start");
    assertThat(start.code()).as(start.all()).isZero();
    assertThat(start.out()).contains("ftjob-emu1").contains("ftjob-emu2");

    Cli.Result watch = cli.run("finetune", "watch", "--emulator-state", state);
    assertThat(watch.code()).as(watch.all()).isZero();
    assertThat(watch.out()).contains("jung: step 4/4").contains("freud: step 4/4").contains("Every job succeeded");
    // each job's events in order
    String jung = String.join("\n", watch.out().lines().filter(l -> l.startsWith("jung: ")).toList());
    assertThat(jung).containsSubsequence("Validating training file", "Fine-tuning job started", "step 1/4",
        "step 4/4", "The job has successfully completed");

    Cli.Result promote = cli.run("--emulator", "--emulator-state", state, "finetune", "promote");
    assertThat(promote.code()).as(promote.all()).isZero();
    String freudModel = promoted("freud");
    assertThat(freudModel).startsWith("ft:gpt-4o-2024-08-06:emulator:freud:");

    Cli.Result analyze = cli.run("--emulator-state", state, "analyze", "--dream", "I was back in my school and the"
        + " exam had started without me; my pencils were melting.");
    assertThat(analyze.code()).as(analyze.all()).isZero();
    assertThat(analyze.out()).contains("(fine-tuned)").contains(EmbeddedEmulator.note());
    assertThat(DemoCommandTest.trainedAnswers("freud")).contains(answerUnder(analyze.out(), "(freud)"));

    Cli.Result delete = cli.run("--emulator-state", state, "models", "delete", freudModel, "--yes");
    assertThat(delete.code()).as(delete.all()).isZero();
    Cli.Result fallback = cli.run("--emulator-state", state, "analyze", "--analyst", "freud", "--dream", "A bird.");
    assertThat(fallback.code()).as(fallback.all()).isZero();
    assertThat(fallback.out()).contains("(base model, after a fallback)")
        .contains("[Emulated] This placeholder stands in for the base model " + ModelResolver.DEFAULT_BASE_MODEL + " answering as"
            + " Sigmund Freud");
    Cli.Result models = cli.run("--emulator-state", state, "models", "list");
    assertThat(models.out()).doesNotContain(freudModel).contains(promoted("jung"));
  }

  @Test
  void aFineTunedModelAnswersTheSecondTurnFromAMultiTurnTrainingExample() throws Exception {
    copyTrainingData();
    Cli cli = new Cli(dir);
    String state = home.resolve("emu").toString();
    assertThat(cli.run("--emulator-state", state, "finetune", "start", "--analyst", "jung").code()).isZero();
    assertThat(cli.run("--emulator-state", state, "finetune", "watch").code()).isZero();
    assertThat(cli.run("--emulator-state", state, "finetune", "promote").code()).isZero();
    List<Map<String, Object>> conversation = firstConversation();
    Dream dream = PromptBuilder.parseUserMessage((String) conversation.get(1).get("content")).orElseThrow();
    Files.writeString(dir.resolve("replies.txt"), ((String) conversation.get(3).get("content")).replace("\n", " ") + "\n");

    Cli.Result session = cli.run("--emulator-state", state, "session", "--analyst", "jung",
        "--dream", dream.content(), "--replies", "replies.txt");

    assertThat(session.code()).as(session.all()).isZero();
    assertThat(session.out()).contains(EmbeddedEmulator.note())
        .contains(((String) conversation.get(2).get("content")).strip())
        .contains(((String) conversation.get(4).get("content")).strip());
  }

  @Test
  void theDefaultStateFolderIsUnderTheHome() {
    Cli cli = new Cli(dir);
    cli.env.put("HOME", home.toString());

    Cli.Result models = cli.run("--emulator", "models", "list");

    assertThat(models.code()).as(models.all()).isZero();
    assertThat(models.out()).contains("gpt-4o-2024-08-06");
    assertThat(home.resolve(".reve/emulator/state.json")).exists();
  }

  @Test
  void emulatedJsonIsMarkedAndABaseUrlWithTheEmulatorIsRefused() {
    Cli cli = new Cli(dir);
    String state = home.resolve("emu").toString();

    Cli.Result json = cli.run("--emulator-state", state, "analyze", "--analyst", "jung", "--dream", "A bird.", "--json");
    Cli.Result both = cli.run("--emulator", "--base-url", "http://localhost:11434/v1/", "models", "list");

    assertThat(json.code()).as(json.all()).isZero();
    Map<String, Object> analysis = (Map<String, Object>) ((List<Object>) Json.object(json.out()).get("analyses")).get(0);
    assertThat(analysis).containsEntry("emulated", true);
    assertThat((String) analysis.get("text")).contains("answering as Carl Gustav Jung");
    assertThat(both.code()).isEqualTo(ExitCode.USAGE);
    assertThat(both.err()).contains("leave out --base-url");
  }

  private void copyTrainingData() throws Exception {
    Files.createDirectories(dir.resolve("training-data"));
    for (String name : List.of("jung-examples.jsonl", "jung-validation.jsonl", "freud-examples.jsonl",
        "freud-validation.jsonl")) {
      Files.copy(Path.of("..", "training-data", name), dir.resolve("training-data").resolve(name));
    }
  }

  /** The first multi-turn example of Jung's training file (system, user, assistant, user, assistant...). */
  private static List<Map<String, Object>> firstConversation() throws Exception {
    for (String line : Files.readAllLines(Path.of("..", "training-data", "jung-examples.jsonl"))) {
      List<Map<String, Object>> messages = (List<Map<String, Object>>) Json.object(line).get("messages");
      if (messages.size() >= 5) {
        return messages;
      }
    }
    throw new AssertionError("Jung's training file has no multi-turn example");
  }

  private String promoted(String analyst) throws Exception {
    return Files.readAllLines(dir.resolve("reve-models.properties")).stream()
        .filter(l -> l.startsWith(analyst + ".model=")).map(l -> l.substring(analyst.length() + 7))
        .findFirst().orElseThrow();
  }

  private static String answerUnder(String out, String analystTag) {
    String rest = out.substring(out.indexOf(analystTag));
    rest = rest.substring(rest.indexOf(EmbeddedEmulator.note()) + EmbeddedEmulator.note().length()).strip();
    return rest.substring(0, rest.indexOf("\n(")).strip();
  }
}
