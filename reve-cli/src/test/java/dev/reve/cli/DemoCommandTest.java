package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @Test
  void onTogetherTheJobsGoThroughTogethersApiAndThePromotedModelsAnswerFromItsServer() throws Exception {
    Cli cli = new Cli(workingDirectory);
    String usersTogetherKey = "tg-users-own-key-0123456789abcdef";
    cli.env.put("TOGETHER_API_KEY", usersTogetherKey);
    cli.env.put("OPENAI_API_KEY", Cli.KEY);
    List<String[]> sent = new CopyOnWriteArrayList<>();
    cli.interceptor = chain -> {
      okhttp3.Request r = chain.request();
      sent.add(new String[] {r.method(), r.url().toString(), String.valueOf(r.header("Authorization"))});
      return chain.proceed(r);
    };
    Path folder = kept.resolve("demo");

    Cli.Result result = cli.run("demo", "--provider", "together", "--keep", folder.toString());

    assertThat(result.code()).as(result.all()).isZero();
    String out = result.out();
    Matcher at = Pattern.compile("emulated Together AI server at (http://\\S+/v1/),").matcher(out);
    assertThat(at.find()).as(out).isTrue();
    String together = at.group(1);
    List<String> onTogether = sent.stream().filter(r -> r[1].startsWith(together))
        .map(r -> r[0] + " " + r[1].substring(together.length()).replaceAll("\\?.*", "")).toList();
    List<String> elsewhere = sent.stream().filter(r -> !r[1].startsWith(together))
        .map(r -> r[0] + " " + r[1].replaceAll("^http://[^/]+/v1/", "").replaceAll("\\?.*", "")).toList();
    // Together's routes: uploads, its price estimate, its jobs; OpenAI's fine-tuning routes nowhere
    assertThat(onTogether).filteredOn("POST files/upload"::equals).hasSize(4);
    assertThat(onTogether).filteredOn("POST fine-tunes/estimate-price"::equals).hasSize(2);
    assertThat(onTogether).filteredOn("POST fine-tunes"::equals).hasSize(2);
    assertThat(onTogether).anyMatch(r -> r.matches("GET fine-tunes/ftjob-\\S+"));
    for (List<String> calls : List.of(onTogether, elsewhere)) {
      assertThat(calls).noneMatch(r -> r.contains("fine_tuning") || r.equals("POST files"));
    }
    // the fine-tuned analysts answer from Together's server (Jung, Freud, then Freud's 404 after the
    // delete); the interpretation and the fallback come from the base model on the main server
    assertThat(onTogether).filteredOn("POST chat/completions"::equals).hasSize(3);
    assertThat(onTogether).anyMatch(r -> r.startsWith("DELETE models/ft:"));
    assertThat(elsewhere).filteredOn("POST chat/completions"::equals).hasSize(2);
    assertThat(sent).noneMatch(r -> r[2].contains(usersTogetherKey) || r[2].contains(Cli.KEY));

    // the promotion record: Together's base URL and key variable beside each model
    Properties models = new Properties();
    try (Reader in = Files.newBufferedReader(folder.resolve("reve-models.properties"), StandardCharsets.UTF_8)) {
      models.load(in);
    }
    for (String analyst : List.of("jung", "freud")) {
      assertThat(models.getProperty(analyst + ".model"))
          .startsWith("ft:" + FinetuneCommand.TOGETHER_BASE_MODEL + ":").contains(analyst);
      assertThat(models.getProperty(analyst + ".base-url")).isEqualTo(together);
      assertThat(models.getProperty(analyst + ".api-key-env")).isEqualTo("TOGETHER_API_KEY");
    }
    assertThat(Files.readString(folder.resolve("reve-finetune.json"))).contains("\"provider\": \"together\"");
    // the jobs as the emulated Together server stored them: LoRA by default, on the open-weight model
    List<?> jobs = (List<?>) Json.object(Files.readString(folder.resolve("together/state.json"))).get("jobs");
    assertThat(jobs).hasSize(2).allSatisfy(j -> {
      Map<?, ?> body = Json.object((String) ((Map<?, ?>) j).get("request_body"));
      Map<?, ?> type = (Map<?, ?>) body.get("training_type");
      assertThat(type.get("type")).isEqualTo("Lora");
      assertThat(((Number) type.get("lora_r")).intValue()).isEqualTo(16);
      assertThat(((Number) type.get("lora_alpha")).intValue()).isEqualTo(32);
      assertThat(body.get("model")).isEqualTo(FinetuneCommand.TOGETHER_BASE_MODEL);
    });

    // the narration says where it is, with Together's estimate, and shows the fallback
    assertThat(out).contains("Fine-tuning on Together AI").contains("Your TOGETHER_API_KEY is not used")
        .contains("$ reve finetune start --provider together --base-model " + FinetuneCommand.TOGETHER_BASE_MODEL)
        .contains("fine-tuning Jung and Freud on Together AI");
    assertThat(result.err()).contains("Together AI estimates $");
    String analyses = between(out, "== Step 5 of 7", "== Step 6 of 7");
    assertThat(trainedAnswers("jung")).contains(answerOf(analyses, "(jung)"));
    String fallback = out.substring(out.indexOf("== Step 7 of 7"));
    assertThat(fallback).contains("$ OPENAI_API_KEY=$TOGETHER_API_KEY reve models delete --base-url " + together)
        .contains("Deleted " + models.getProperty("freud.model"))
        .contains("(base model, after a fallback)").contains("[Emulated] This placeholder");
    String asked = between(out, "== What the emulated Together AI server was asked", "== What next");
    assertThat(asked).containsPattern("\\n +4  POST +files/upload\\n")
        .containsPattern("\\n +2  POST +fine-tunes/estimate-price\\n").containsPattern("\\n +2  POST +fine-tunes\\n")
        .containsPattern("\\n +\\d+  GET +fine-tunes/ID/events\\n")
        .contains("OpenAI's fine-tuning calls (POST files, fine_tuning/jobs/...): none.");
    assertThat(result.all()).doesNotContain(usersTogetherKey).doesNotContain(Cli.KEY);
    try (Stream<Path> left = Files.list(workingDirectory)) {
      assertThat(left).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource({"azure, AZURE_OPENAI_API_KEY, api-key", "openai-compatible, FINETUNE_API_KEY, Authorization"})
  void onAzureAndOpenAiCompatibleTheJobsUseOpenAisCallsOnTheProvidersServer(
      String provider, String keyVariable, String authHeader) throws Exception {
    Cli cli = new Cli(workingDirectory);
    List<String[]> sent = new CopyOnWriteArrayList<>();
    cli.interceptor = chain -> {
      okhttp3.Request r = chain.request();
      sent.add(new String[] {r.method(), r.url().toString(), String.valueOf(r.header("api-key")),
          String.valueOf(r.header("Authorization"))});
      return chain.proceed(r);
    };
    Path folder = kept.resolve(provider);

    Cli.Result result = cli.run("demo", "--provider", provider, "--keep", folder.toString());

    assertThat(result.code()).as(result.all()).isZero();
    Matcher at = Pattern.compile("server at (http://\\S+/v1/),").matcher(result.out());
    assertThat(at.find()).isTrue();
    String server = at.group(1);
    List<String[]> jobs = sent.stream().filter(r -> r[1].startsWith(server + "fine_tuning/jobs")).toList();
    boolean azure = authHeader.equals("api-key");
    assertThat(jobs).isNotEmpty().allSatisfy(r -> {
      assertThat(r[2]).isEqualTo(azure ? dev.reve.testkit.OpenAiEmulator.API_KEY : "null");
      assertThat(r[3]).isEqualTo(azure ? "null" : "Bearer " + dev.reve.testkit.OpenAiEmulator.API_KEY);
    });
    assertThat(sent).filteredOn(r -> r[0].equals("POST") && r[1].equals(server + "files")).hasSize(4);
    assertThat(sent).noneMatch(r -> !r[1].startsWith(server) && r[1].contains("fine_tuning"));
    Properties models = new Properties();
    try (Reader in = Files.newBufferedReader(folder.resolve("reve-models.properties"), StandardCharsets.UTF_8)) {
      models.load(in);
    }
    assertThat(models.getProperty("jung.base-url")).isEqualTo(server);
    assertThat(models.getProperty("jung.api-key-env")).isEqualTo(keyVariable);
    assertThat(result.out()).contains("$ reve finetune start --provider " + provider + "\n")
        .contains("(base model, after a fallback)");
  }

  @Test
  void anUnknownProviderIsAUsageErrorNamingTheKnownOnesAndLiveStaysOnOpenAi() throws Exception {
    Cli cli = new Cli(workingDirectory);

    Cli.Result unknown = cli.run("demo", "--provider", "bedrock");

    assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
    assertThat(unknown.err()).contains("'bedrock'").contains("openai, azure, openai-compatible, together");
    assertThat(unknown.out()).doesNotContain("== Step 1");

    Cli.Result live = cli.run("demo", "--live", "--provider", "together");
    assertThat(live.code()).isEqualTo(ExitCode.USAGE);
    assertThat(live.err()).contains("--live runs the demo on OpenAI only").contains("--provider together");
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
