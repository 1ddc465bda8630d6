package dev.reve.cli;

import dev.reve.analysis.AnalystRegistry;
import dev.reve.openai.files.UploadProgressListener;
import dev.reve.finetune.plan.PlannedAnalyst;
import dev.reve.finetune.plan.RunPlan;
import dev.reve.finetune.plan.RunPlanner;
import dev.reve.finetune.run.AnalystDataset;
import dev.reve.finetune.run.FineTuneRun;
import dev.reve.finetune.run.RunListener;
import dev.reve.finetune.run.RunState;
import dev.reve.finetune.training.TrainingDataLayout;
import dev.reve.finetune.validation.Epochs;
import dev.reve.openai.OpenAiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reve finetune start}: validate, upload and create one job per analyst, durably. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Validate each analyst's training file, upload it (with a progress bar) and create its"
          + " fine-tuning job. File and job ids go into reve-finetune.json after every step, so"
          + " running the command again resumes without uploading or creating anything twice.",
      "Each analyst's training file defaults to training-data/<id>-examples.jsonl.",
      "Exit 1 when a file has errors (nothing is uploaded then)."
    })
public final class FinetuneStartCommand extends Subcommand {
  /** Where --validation-split writes the two parts. */
  static final String SPLIT_DIRECTORY = RunPlanner.DEFAULT_SPLIT_DIRECTORY;

  @Option(
      names = "--analyst",
      paramLabel = "ID",
      split = ",",
      description = "Analysts to fine-tune (repeat or separate with commas). Default: those named"
          + " by --training-file, else jung and freud.")
  List<String> analysts;

  @Option(
      names = "--training-file",
      paramLabel = "ID=PATH",
      description = "An analyst's training file, for example jung=data/jung.jsonl.")
  Map<String, Path> trainingFiles;

  @Mixin TrainingTargetOptions target;

  @Option(
      names = "--suffix",
      paramLabel = "S",
      description = "Added to each model name after the analyst id: ft:...:jung-S:... Default:"
          + " the analyst id alone.")
  String suffix;

  @Option(
      names = "--validation-split",
      paramLabel = "F",
      description = "Hold out this share of each file (for example 0.1) as a validation file;"
          + " the parts are written to " + SPLIT_DIRECTORY + "/.")
  Double validationSplit;

  @Option(
      names = "--retry-failed",
      description = "Replace a failed or cancelled job of an earlier run with a new one.")
  boolean retryFailed;

  @Option(
      names = "--dry-run",
      description = "Validate and show what would be uploaded and created, and what it would"
          + " cost; send nothing.")
  boolean dryRun;

  /** Created by picocli. */
  public FinetuneStartCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    dev.reve.finetune.ProviderKind provider = FinetuneCommand.of(spec).providerKind();
    if (provider == dev.reve.finetune.ProviderKind.TOGETHER && target.baseModel().equals(FinetuneCommand.DEFAULT_BASE_MODEL)) {
      throw CliException.usage("Together AI trains open-weight models, not " + target.baseModel()
          + ": pass --base-model, for example " + FinetuneCommand.TOGETHER_BASE_MODEL
          + " (GET fine-tunes/models/supported lists them)");
    }
    Map<String, Path> files = trainingFilesByAnalyst();
    RunPlanner.Builder plannerBuilder = target.planner();
    if (validationSplit != null) {
      try {
        plannerBuilder.validationSplit(validationSplit, env.workingDirectory().resolve(SPLIT_DIRECTORY));
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--validation-split: " + e.getMessage());
      }
    }
    if (suffix != null) {
      files.keySet().forEach(id -> dev.reve.finetune.CreateJobRequest.checkSuffix(suffixFor(id)));
    }
    RunPlanner planner = plannerBuilder.build();
    RunPlan plan = planner.plan(files);
    for (PlannedAnalyst analyst : plan.analysts()) {
      printPlanned(analyst);
    }
    err().println();
    if (!plan.ready()) {
      err().println("Nothing was uploaded: fix the errors above and run the command again.");
      err().flush();
      return ExitCode.FAILURE;
    }
    String costLine = "Estimated training cost: " + plan.totalCost().describe()
        + (target.epochs().isAuto() ? " (auto epochs, estimated as " + Epochs.ASSUMED_FOR_AUTO + ")" : "");
    if (dryRun) {
      printPlan(plan.datasets(), costLine);
      return ExitCode.OK;
    }
    err().println(costLine + (provider == dev.reve.finetune.ProviderKind.OPENAI ? ""
        : " [price table; on " + provider.displayName() + (provider == dev.reve.finetune.ProviderKind.TOGETHER
            ? ", its own estimate follows per analyst]" : ", check its prices]")));
    err().flush();
    RunState state;
    try (OpenAiClient client = FinetuneCommand.of(spec).client(global())) {
      FineTuneRun.Builder builder =
          FinetuneCommand.run(env, FinetuneCommand.service(env, client, spec, global()))
              .baseModel(target.baseModel())
              .hyperparameters(target.hyperparameters())
              .retryFailedJobs(retryFailed)
              .listener(new StepPrinter())
              .check(planner.check(plan));
      if (suffix != null) {
        files.keySet().forEach(id -> builder.suffix(id, suffixFor(id)));
      }
      state = builder.build().start(plan.datasets());
    }
    printStarted(state, files);
    return ExitCode.OK;
  }

  /** One analyst's report, its split, and the training part's report when that has errors. */
  private void printPlanned(PlannedAnalyst analyst) {
    String id = analyst.analyst();
    ValidationPrinter.print(err(), env, analyst.report(), analyst.profile().isPresent()
        ? "analyst " + id
        : "analyst " + id + ", no built-in profile: skew check off");
    analyst.split().ifPresent(split -> {
      err().println(id + ": split " + Places.show(env, analyst.report().file()) + " into "
          + split.trainingExamples() + " training and " + split.validationExamples()
          + " validation examples in " + Places.show(env, split.trainingFile().getParent()) + "/");
      if (split.trainingReport().hasErrors()) {
        ValidationPrinter.print(err(), env, split.trainingReport(), "training part of " + id);
      }
    });
  }

  private Map<String, Path> trainingFilesByAnalyst() {
    Map<String, Path> given = new LinkedHashMap<>();
    if (trainingFiles != null) {
      trainingFiles.forEach((id, path) -> given.put(id.strip().toLowerCase(Locale.ROOT), env.resolve(path)));
    }
    List<String> ids;
    if (analysts != null && !analysts.isEmpty()) {
      ids = analysts.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    } else if (!given.isEmpty()) {
      ids = List.copyOf(given.keySet());
    } else {
      ids = AnalystRegistry.withBuiltIns().ids();
    }
    for (String id : given.keySet()) {
      if (!ids.contains(id)) {
        throw CliException.usage("--training-file names analyst '" + id + "', which is not among"
            + " the analysts to fine-tune (" + String.join(", ", ids) + ").");
      }
    }
    Map<String, Path> files = new LinkedHashMap<>();
    for (String id : ids) {
      try {
        AnalystDataset.requireId(id);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
      Path file = given.getOrDefault(id, TrainingDataLayout.in(env.workingDirectory()).examplesFile(id));
      if (!Files.isRegularFile(file)) {
        throw CliException.usage("Training file for " + id + " not found: " + file + ". Pass"
            + " --training-file " + id + "=PATH, or run in the directory holding training-data/.");
      }
      files.put(id, file);
    }
    return files;
  }

  private String suffixFor(String analyst) {
    return suffix == null ? analyst : analyst + "-" + suffix.strip();
  }

  private void printPlan(List<AnalystDataset> datasets, String costLine) {
    out().println("Dry run: nothing was uploaded and no job was created.");
    for (AnalystDataset d : datasets) {
      out().println("  " + d.analyst() + ": would upload " + Places.show(env, d.trainingFile())
          + d.validationFile().map(v -> " and " + Places.show(env, v)).orElse("")
          + ", then create a job on " + target.baseModel() + " with epochs " + target.epochs()
          + " and model suffix " + suffixFor(d.analyst()));
    }
    out().println(costLine);
    out().println("State would be kept in " + Places.show(env, Places.stateFile(env)) + ".");
    out().flush();
  }

  private void printStarted(RunState state, Map<String, Path> files) {
    Table table = new Table("ANALYST", "JOB", "STATUS", "TRAINING FILE");
    for (String id : files.keySet()) {
      state.analyst(id).ifPresent(run -> table.row(
          id, run.jobId().orElse("(none)"), run.status().orElse(""), run.training().fileId().orElse("")));
    }
    out().println("Fine-tuning jobs:");
    table.print(out());
    out().println();
    out().println("State saved in " + Places.show(env, Places.stateFile(env))
        + "; running this command again resumes, it never uploads or creates a job twice.");
    out().println();
    out().println("Next steps:");
    out().println("  reve finetune watch     follow the jobs until they end (Ctrl-C stops watching,"
        + " not the jobs)");
    out().println("  reve finetune status    look at them once");
    out().println("  reve finetune promote   when they have succeeded: write reve-models.properties"
        + " and print the OPENAI_<ANALYST>_MODEL lines");
    out().println("A job takes from about ten minutes to a few hours, depending on the queue and"
        + " the size of the data.");
    out().flush();
  }

  /** Prints each step of the run, and a progress bar for uploads. */
  private final class StepPrinter implements RunListener {
    @Override
    public void onStep(String analyst, String message) {
      err().println(analyst + ": " + message);
      err().flush();
    }

    @Override
    public UploadProgressListener uploadProgress(String analyst) {
      return new ProgressBar(err(), env.interactive(), analyst + ": upload");
    }
  }
}
