package dev.reve.cli;

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
          + " goes to a temporary folder that is removed at the end (--keep DIR keeps it)."
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
    Path folder = folder();
    try {
      return run(folder);
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

  private int run(Path folder) {
    intro();
    DemoFolder.copyResource(RESOURCES + DREAM_FILE, folder.resolve(DREAM_FILE));
    TrainingDataLayout layout = TrainingDataLayout.in(folder);
    for (String analyst : List.of("jung", "freud")) {
      Path examples = layout.examplesFile(analyst);
      DemoFolder.copyResource(RESOURCES + "training-data/" + examples.getFileName(), examples);
      Path validation = examples.resolveSibling(analyst + "-validation.jsonl");
      DemoFolder.copyResource(RESOURCES + "training-data/" + validation.getFileName(), validation);
    }
    List<String> dream = List.of("--title", DREAM_TITLE, "--file", DREAM_FILE);
    Steps steps = new Steps(folder);

    if (!steps.run(1, "Validate the bundled training data: examples, exact tokens, cost",
        "Each line is checked as OpenAI would check it, and counted with the o200k_base tokenizer.",
        List.of("finetune", "start", "--dry-run"))) {
      return steps.code;
    }
    if (live && !confirmed(folder)) {
      return ExitCode.FAILURE;
    }
    if (!steps.run(2, "Upload the files and start fine-tuning Jung and Freud",
        "The uploads show a progress bar; file and job ids are saved after every step.",
        List.of("finetune", "start"))
        || !steps.run(3, "Follow both jobs at once: status, steps, loss",
            live ? "On the real service this takes from minutes to hours; Ctrl-C stops watching, not the jobs."
                : "Emulated jobs succeed in about ten seconds.",
            List.of("finetune", "watch"))
        || !steps.run(4, "Promote the fine-tuned models",
            "They are written to reve-models.properties, where the analysts find them.",
            List.of("finetune", "promote"))) {
      return steps.code;
    }
    List<String> analyze = new ArrayList<>(List.of("analyze"));
    analyze.addAll(dream);
    if (!steps.run(5, "Analyse a sample dream with both fine-tuned analysts at the same time",
        live ? "Each answer says which model wrote it." : "An emulated fine-tuned model answers with"
            + " its training example closest to this dream, so the path from training file to model"
            + " is visible in each analyst's voice.",
        analyze)) {
      return steps.code;
    }
    List<String> interpret = new ArrayList<>(List.of("interpret"));
    interpret.addAll(dream);
    if (!steps.run(6, "The structured interpretation (JSON under a strict schema)",
        "Summary, themes, emotions and symbols, read from a reply that follows the schema.", interpret)) {
      return steps.code;
    }
    String freudModel = promoted(folder, "freud");
    List<String> freudAgain = new ArrayList<>(List.of("analyze", "--analyst", "freud"));
    freudAgain.addAll(dream);
    if (!steps.run(7, "Delete Freud's fine-tuned model; Freud falls back to the base model",
        "The same messages, system prompt included, go to the base model, and the answer says so.",
        List.of("models", "delete", freudModel, "--yes"))
        || !steps.again(freudAgain)) {
      return steps.code;
    }
    next();
    return ExitCode.OK;
  }

  private void intro() {
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
    }
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

  private void next() {
    out().println();
    out().println("== What next " + "=".repeat(59));
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

  /** Runs the steps as ordinary {@code reve} commands in the demo's folder. */
  private final class Steps {
    private final CliEnvironment child;
    private final List<String> prefix;
    int code = ExitCode.OK;

    Steps(Path folder) {
      Map<String, String> variables = new HashMap<>(env.env());
      if (!live) {
        // the user's models and servers must not leak into the offline run
        variables.keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("REVE_"));
      }
      this.child = new CliEnvironment(variables, env.stdin(), folder, env.out(), env.err(), env.interactive(),
          env.clock(), env.sleeper(), env.clientTuning(), () -> { });
      this.prefix = live ? List.of() : List.of("--emulator-state", folder.resolve("emulator").toString());
    }

    boolean run(int number, String title, String explanation, List<String> args) {
      out().println();
      String head = "== Step " + number + " of " + STEPS + ": " + title + " ";
      out().println(head + "=".repeat(Math.max(3, 72 - head.length())));
      out().println(explanation);
      return again(args);
    }

    boolean again(List<String> args) {
      out().println("$ reve " + shown(args));
      out().flush();
      List<String> all = new ArrayList<>(prefix);
      all.addAll(args);
      code = Reve.run(child, all.toArray(String[]::new));
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
