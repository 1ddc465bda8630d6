package dev.reve.cli;

import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.ProviderKind;
import dev.reve.finetune.plan.RunPlan;
import dev.reve.finetune.plan.RunPlanner;
import dev.reve.finetune.training.TrainingDataLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reve demo}: the whole lifecycle in one command, narrated, on the embedded emulator unless
 * {@code --live}. Each step is one of the ordinary commands, run in process in a folder of its
 * own, so the demo shows exactly what a user would type.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The whole lifecycle, narrated: validate the bundled training data, upload it, fine-tune"
          + " Jung and Freud, promote the models, analyse a sample dream with both at once, show"
          + " the structured interpretation, delete one model and watch that analyst fall back.",
      "Runs on the embedded emulator (no key, nothing spent) unless --live is given. Everything"
          + " goes to a temporary folder that is removed at the end (--keep DIR keeps it).",
      "--provider together fine-tunes through Together AI's API (its paths, fields, statuses,"
          + " price estimate, LoRA) on an emulated Together server, and the promoted models answer"
          + " from there."
    })
public final class DemoCommand extends Subcommand {
  static final String DREAM_TITLE = "The flooded house";
  static final String DREAM_FILE = "flooded-house.txt";
  private static final String RESOURCES = "/dev/reve/cli/demo/";
  private static final int STEPS = 7;

  @Option(names = "--live", description = "Use the real API (OPENAI_API_KEY): states the estimated"
      + " cost and asks before spending anything.")
  boolean live;

  @Option(names = {"-y", "--yes"}, description = "With --live: do not ask for confirmation.")
  boolean yes;

  @Option(names = "--keep", paramLabel = "DIR", description = "Work in DIR (new or empty) and keep"
      + " it: training data, state file, models file and the emulator's state.")
  Path keep;

  @Option(names = "--provider", paramLabel = "P", defaultValue = "openai", description = "Where the"
      + " demo fine-tunes: openai (default), together, azure or openai-compatible; offline, each on"
      + " an emulated server speaking that provider's API.")
  String providerName;

  /** Created by picocli. */
  public DemoCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    if (yes && !live) {
      throw CliException.usage("--yes only confirms spending with --live; without --live nothing is spent.");
    }
    if (live && global().emulated()) {
      throw CliException.usage("--live and --emulator contradict each other: pick one.");
    }
    DemoProvider provider = DemoProvider.named(providerName);
    if (live && !provider.openAi()) {
      throw CliException.usage("--live runs the demo on OpenAI only. On " + provider.name() + ", run"
          + " the steps by hand: reve finetune start --provider " + provider.kind().id()
          + " (then watch, promote), see 'reve finetune providers'.");
    }
    Path folder = folder();
    try (provider) {
      return run(folder, provider);
    } finally {
      if (keep == null) {
        DemoFolder.delete(folder);
      } else {
        out().println();
        out().println("Kept everything in " + folder + ".");
        out().flush();
      }
    }
  }

  private int run(Path folder, DemoProvider provider) {
    provider.start(folder.resolve(provider.kind().id()), env.clock());
    intro(provider);
    DemoFolder.copyResource(RESOURCES + DREAM_FILE, folder.resolve(DREAM_FILE));
    TrainingDataLayout layout = TrainingDataLayout.in(folder);
    for (String analyst : List.of("jung", "freud")) {
      Path examples = layout.examplesFile(analyst);
      DemoFolder.copyResource(RESOURCES + "training-data/" + examples.getFileName(), examples);
      Path validation = examples.resolveSibling(analyst + "-validation.jsonl");
      DemoFolder.copyResource(RESOURCES + "training-data/" + validation.getFileName(), validation);
    }
    List<String> dream = List.of("--title", DREAM_TITLE, "--file", DREAM_FILE);
    Steps steps = new Steps(folder, provider);
    String on = provider.openAi() ? "" : " on " + provider.name();

    if (!steps.run(1, "Validate the bundled training data: examples, exact tokens, cost",
        "Each line is checked as OpenAI would check it, and counted with the o200k_base tokenizer."
            + provider.costNote(),
        provider.finetune("start", true, "--dry-run"))) {
      return steps.code;
    }
    if (live && !confirmed(folder)) {
      return ExitCode.FAILURE;
    }
    if (!steps.run(2, "Upload the files and start fine-tuning Jung and Freud" + on,
        "The uploads show a progress bar; file and job ids are saved after every step." + provider.startNote(),
        provider.finetune("start", true))
        || !steps.run(3, "Follow both jobs at once" + on + ": status, steps, loss",
            live ? "On the real service this takes from minutes to hours; Ctrl-C stops watching, not the jobs."
                : "Emulated jobs succeed in about ten seconds.",
            provider.finetune("watch", false))
        || !steps.run(4, "Promote the fine-tuned models",
            "They are written to reve-models.properties, where the analysts find them." + provider.promoteNote(),
            provider.finetune("promote", false))) {
      return steps.code;
    }
    List<String> analyze = new ArrayList<>(List.of("analyze"));
    analyze.addAll(dream);
    if (!steps.run(5, "Analyse a sample dream with both fine-tuned analysts at the same time",
        (live ? "Each answer says which model wrote it." : "An emulated fine-tuned model answers with"
            + " its training example closest to this dream, so the path from training file to model"
            + " is visible in each analyst's voice.")
            + (provider.openAi() ? "" : " Both models answer from the emulated " + provider.name()
                + " server; the main server (the embedded OpenAI emulator) stays for the base model."),
        analyze)) {
      return steps.code;
    }
    List<String> interpret = new ArrayList<>(List.of("interpret"));
    interpret.addAll(dream);
    if (!steps.run(6, "The structured interpretation (JSON under a strict schema)",
        "Summary, themes, emotions and symbols, read from a reply that follows the schema."
            + (provider.openAi() ? "" : " The interpreter is no analyst: it reads with the base model on"
                + " the main server."), interpret)) {
      return steps.code;
    }
    String freudModel = promoted(folder, "freud");
    List<String> freudAgain = new ArrayList<>(List.of("analyze", "--analyst", "freud"));
    freudAgain.addAll(dream);
    boolean deleted = provider.openAi()
        ? steps.run(7, "Delete Freud's fine-tuned model; Freud falls back to the base model",
            "The same messages, system prompt included, go to the base model, and the answer says so.",
            List.of("models", "delete", freudModel, "--yes"))
        : steps.run(7, "Delete Freud's fine-tuned model" + on + "; Freud falls back to the base model",
            provider.deleteNote()
                + " The same messages, system prompt included, then go to the base model on the main"
                + " server, and the answer says so.",
            steps.onProvider(List.of("models", "delete", "--base-url", provider.baseUrl().orElseThrow(),
                freudModel, "--yes")));
    if (!deleted || !steps.again(freudAgain)) {
      return steps.code;
    }
    asked(provider);
    next(provider);
    return ExitCode.OK;
  }

  private void intro(DemoProvider provider) {
    out().println("Rêve demo: the fine-tuning lifecycle of two analysts, Jung and Freud, from training"
        + " data to answers.");
    if (live) {
      out().println("Running LIVE on " + env.variable("OPENAI_BASE_URL").orElse("https://api.openai.com/v1/")
          + " with your OPENAI_API_KEY.");
    } else {
      out().println("Running offline on the embedded OpenAI emulator: no API key is needed and nothing is"
          + " spent. Every answer is marked as emulated; none is a real analysis.");
      if (env.variable("OPENAI_API_KEY").isPresent()) {
        out().println("OPENAI_API_KEY is set, but the demo spends nothing without --live; the key is not"
            + " used.");
      }
      if (!provider.openAi()) {
        out().println("Fine-tuning on " + provider.name() + ": the finetune steps speak "
            + provider.dialect() + " to an emulated " + provider.name() + " server at "
            + provider.baseUrl().orElseThrow() + ", which they reach as you would reach the real one: "
            + FineTuningProvider.BASE_URL_VARIABLE + " set to it and " + provider.keyVariable()
            + " to the emulator's own key." + (env.variable(provider.keyVariable()).isPresent()
                ? " Your " + provider.keyVariable() + " is not used." : ""));
      }
    }
    out().flush();
  }

  /** What the provider's emulated server was asked, from its request log. */
  private void asked(DemoProvider provider) {
    List<String> lines = provider.summary();
    if (lines.isEmpty()) {
      return;
    }
    out().println();
    String head = "== What the emulated " + provider.name() + " server was asked ";
    out().println(head + "=".repeat(Math.max(3, 72 - head.length())));
    lines.forEach(out()::println);
    out().flush();
  }

  private boolean confirmed(Path folder) {
    RunPlanner planner = RunPlanner.builder().build();
    Map<String, Path> files = new LinkedHashMap<>();
    for (String analyst : List.of("jung", "freud")) {
      files.put(analyst, TrainingDataLayout.in(folder).examplesFile(analyst));
    }
    RunPlan plan = planner.plan(files);
    out().println();
    out().println("This fine-tunes two models on your account. Estimated training cost: "
        + plan.totalCost().describe() + ", plus a few cents for the analyses.");
    if (yes) {
      out().println("Confirmed by --yes.");
      out().flush();
      return true;
    }
    out().print("Spend it? Type 'yes' to go on: ");
    out().flush();
    String answer;
    try {
      answer = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      answer = null;
    }
    out().println();
    boolean go = answer != null && List.of("yes", "y").contains(answer.strip().toLowerCase(Locale.ROOT));
    if (!go) {
      out().println("Nothing was spent. Run 'reve demo' without --live to see it offline.");
      out().flush();
    }
    return go;
  }

  private static String promoted(Path folder, String analyst) {
    Properties models = new Properties();
    try (Reader in = Files.newBufferedReader(folder.resolve("reve-models.properties"), StandardCharsets.UTF_8)) {
      models.load(in);
    } catch (IOException e) {
      throw CliException.failure("The demo cannot read the models file it promoted: " + e.getMessage());
    }
    String model = models.getProperty(analyst + ".model");
    if (model == null) {
      throw CliException.failure("No " + analyst + " model was promoted; the demo cannot go on.");
    }
    return model;
  }

  private void next(DemoProvider provider) {
    out().println();
    out().println("== What next " + "=".repeat(59));
    if (!provider.openAi()) {
      out().println("On " + provider.name() + " for real: export " + provider.keyVariable() + "=..."
          + (provider.kind() == ProviderKind.TOGETHER ? "" : " " + FineTuningProvider.BASE_URL_VARIABLE + "=...")
          + "  then  reve " + shown(provider.finetune("start", true)) + ", watch, promote, and reve"
          + " analyze, which asks " + provider.name() + " for the promoted models.");
    }
    out().println("With a real key:   export OPENAI_API_KEY=sk-...  then  reve demo --live  (asks before"
        + " spending), or the same steps by hand: reve finetune start, watch, promote, reve analyze.");
    out().println("With a local server (Ollama, vLLM, LM Studio): reve analyze --base-url"
        + " http://localhost:11434/v1/ ... and REVE_BASE_MODEL set to one of its models.");
    out().println("With another trainer: training-data/*.jsonl are standard chat fine-tuning files;"
        + " train anywhere, then set OPENAI_JUNG_MODEL / OPENAI_FREUD_MODEL (and a base URL) to"
        + " serve the result.");
    out().println("Offline, step by step: reve --emulator finetune start (then watch, promote,"
        + " analyze), or 'reve emulator' for any OpenAI client.");
    out().flush();
  }

  private Path folder() {
    try {
      if (keep == null) {
        return Files.createTempDirectory("reve-demo-");
      }
      Path dir = env.resolve(keep);
      if (Files.isDirectory(dir)) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw CliException.usage("--keep " + keep + ": the folder is not empty; give a new or empty one.");
          }
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw CliException.failure("Cannot make the demo's folder: " + e.getMessage());
    }
  }

  private static String shown(List<String> args) {
    return String.join(" ", args.stream().map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList());
  }

  /**
   * One step's command: its arguments, the variables it sets for itself and how they are shown
   * before {@code reve}, and whether it runs on the embedded OpenAI emulator (the {@code
   * --emulator-state} prefix) or reaches its server itself.
   */
  private record Invocation(
      List<String> args, Map<String, String> variables, String shownVariables, boolean onMainEmulator) {}

  /** Runs the steps as ordinary {@code reve} commands in the demo's folder. */
  private final class Steps {
    private final CliEnvironment child;
    private final List<String> prefix;
    private final DemoProvider provider;
    int code = ExitCode.OK;

    Steps(Path folder, DemoProvider provider) {
      this.provider = provider;
      Map<String, String> variables = new HashMap<>(env.env());
      if (!live) {
        // the user's models, servers and keys must not leak into the offline run
        variables.keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("REVE_")
            || DemoProvider.providerVariable(k));
        variables.putAll(provider.variables());
      }
      this.child = new CliEnvironment(variables, env.stdin(), folder, env.out(), env.err(), env.interactive(),
          env.clock(), env.sleeper(), env.clientTuning(), () -> { });
      this.prefix = live ? List.of() : List.of("--emulator-state", folder.resolve("emulator").toString());
    }

    /**
     * A command run on the provider's emulated server with its key in {@code OPENAI_API_KEY},
     * shown as {@code OPENAI_API_KEY=$TOGETHER_API_KEY reve ...}.
     */
    Invocation onProvider(List<String> args) {
      return new Invocation(args, Map.of("OPENAI_API_KEY", provider.apiKey().orElseThrow()),
          "OPENAI_API_KEY=$" + provider.keyVariable() + " ", false);
    }

    boolean run(int number, String title, String explanation, List<String> args) {
      return run(number, title, explanation, invocation(args));
    }

    boolean run(int number, String title, String explanation, Invocation step) {
      out().println();
      String head = "== Step " + number + " of " + STEPS + ": " + title + " ";
      out().println(head + "=".repeat(Math.max(3, 72 - head.length())));
      out().println(explanation);
      return again(step);
    }

    /** Off OpenAI the finetune steps reach the provider's server through the variables. */
    private Invocation invocation(List<String> args) {
      boolean onMain = provider.openAi() || !args.get(0).equals("finetune");
      return new Invocation(args, Map.of(), "", onMain);
    }

    boolean again(List<String> args) {
      return again(invocation(args));
    }

    boolean again(Invocation step) {
      List<String> args = step.args();
      out().println("$ " + step.shownVariables() + "reve " + shown(args));
      out().flush();
      List<String> all = new ArrayList<>(step.onMainEmulator() ? prefix : List.of());
      all.addAll(args);
      CliEnvironment environment = child;
      if (!step.variables().isEmpty()) {
        Map<String, String> variables = new HashMap<>(child.env());
        variables.putAll(step.variables());
        environment = child.withEnv(variables);
      }
      code = Reve.run(environment, all.toArray(String[]::new));
      env.err().flush();
      if (code != ExitCode.OK) {
        out().println();
        out().println("The demo stopped: 'reve " + shown(args) + "' exited with " + code + ".");
        out().flush();
        return false;
      }
      return true;
    }
  }
}
