package dev.reve.cli;

import dev.reve.finetune.export.ExportFormat;
import dev.reve.finetune.export.ExportOptions;
import dev.reve.finetune.export.ExportedAnalyst;
import dev.reve.finetune.export.InvalidExportException;
import dev.reve.finetune.export.OpenWeightExport;
import dev.reve.finetune.run.AnalystDataset;
import dev.reve.finetune.training.TrainingDataLayout;
import dev.reve.finetune.validation.Epochs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reve finetune export}: the training data and a ready config for an open-weight trainer. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write each analyst's training and validation data (training-data/<id>-examples.jsonl"
        + " and -validation.jsonl) for TRL, axolotl or Unsloth, with a ready configuration, the command"
        + " to train and the vLLM command that serves the result on an OpenAI-compatible endpoint.")
public final class FinetuneExportCommand extends Subcommand {
  @Option(names = "--format", required = true, paramLabel = "trl|axolotl|unsloth", description = "The trainer.")
  String format;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "export",
      description = "Where to write. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--analyst", paramLabel = "ID", split = ",", description = "Analysts to export. Default: jung,freud.")
  List<String> analysts;

  @Option(names = "--base-model", paramLabel = "HF-ID", defaultValue = ExportOptions.DEFAULT_BASE_MODEL,
      description = "The open-weight base model. Default: ${DEFAULT-VALUE}.")
  String baseModel;

  @Option(names = "--epochs", paramLabel = "N|auto", defaultValue = "auto", converter = EpochsConverter.class,
      description = "Training epochs; auto is written as " + Epochs.ASSUMED_FOR_AUTO + ". Default: ${DEFAULT-VALUE}.")
  Epochs epochs;

  /** Created by picocli. */
  public FinetuneExportCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    ExportFormat chosen;
    try {
      chosen = ExportFormat.of(format);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    Path data = env.workingDirectory().resolve(TrainingDataLayout.DIRECTORY);
    List<AnalystDataset> datasets = new ArrayList<>();
    for (String id : analysts == null ? List.of("jung", "freud") : analysts) {
      String analyst = id.strip().toLowerCase(Locale.ROOT);
      Path examples = data.resolve(analyst + TrainingDataLayout.EXAMPLES_SUFFIX);
      if (!Files.isRegularFile(examples)) {
        throw CliException.usage("No training data for " + analyst + ": " + Places.show(env, examples)
            + " does not exist. Write it (or run this command where training-data/ is).");
      }
      datasets.add(TrainingDataLayout.validationFileFor(examples)
          .map(v -> AnalystDataset.of(analyst, examples, v))
          .orElseGet(() -> AnalystDataset.of(analyst, examples)));
    }
    Path dir = env.resolve(out);
    List<ExportedAnalyst> done;
    try {
      done = OpenWeightExport.write(datasets, ExportOptions.of(chosen).withBaseModel(baseModel).withEpochs(epochs), dir);
    } catch (InvalidExportException e) {
      err().println("reve: " + e.getMessage());
      err().flush();
      return ExitCode.FAILURE;
    }
    for (ExportedAnalyst a : done) {
      out().println(a.analyst() + ": " + a.examples() + " examples -> " + Places.show(env, a.trainingFile())
          + a.validationFile().map(v -> " (+ " + Places.show(env, v) + ")").orElse(""));
      out().println("  train: " + a.trainCommand());
      out().println("  serve: " + a.serveCommand());
      a.notes().forEach(n -> out().println("  note: " + n));
    }
    out().println("Commands and models-file lines: " + Places.show(env, dir.resolve("README.md")));
    out().flush();
    return ExitCode.OK;
  }
}
