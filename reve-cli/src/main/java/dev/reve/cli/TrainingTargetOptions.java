package dev.reve.cli;

import dev.reve.finetune.Hyperparameter;
import dev.reve.finetune.SupervisedHyperparameters;
import dev.reve.finetune.plan.RunPlanner;
import dev.reve.finetune.validation.Epochs;
import dev.reve.finetune.validation.ValidationOptions;
import java.util.ListResourceBundle;
import picocli.CommandLine.Option;

/**
 * {@code --base-model} and {@code --epochs}: what a training file is checked against and a job
 * trains with. The descriptions suit {@code finetune start}; a command that only estimates (as
 * {@code finetune validate} does) names {@link ForEstimates} as its resource bundle.
 */
final class TrainingTargetOptions {
  @Option(
      names = "--base-model",
      paramLabel = "M",
      defaultValue = FinetuneCommand.DEFAULT_BASE_MODEL,
      descriptionKey = "base-model",
      description = "The model to fine-tune. Default: ${DEFAULT-VALUE}.")
  String baseModel;

  @Option(
      names = "--epochs",
      paramLabel = "N|auto",
      defaultValue = "auto",
      converter = EpochsConverter.class,
      descriptionKey = "epochs",
      description = "Training epochs, 1 to 50, or auto. Default: ${DEFAULT-VALUE}.")
  Epochs epochs;

  /** The model to fine-tune. */
  String baseModel() {
    return baseModel;
  }

  /** The epochs given, or auto. */
  Epochs epochs() {
    return epochs;
  }

  /** A planner that checks files against {@code --base-model} and {@code --epochs}. */
  RunPlanner.Builder planner() {
    return RunPlanner.builder()
        .options(ValidationOptions.builder().baseModel(baseModel).epochs(epochs).build());
  }

  /** The job hyperparameters for {@code --epochs}. */
  SupervisedHyperparameters hyperparameters() {
    return epochs.count()
        .map(n -> SupervisedHyperparameters.AUTO.withEpochs(Hyperparameter.of(n)))
        .orElse(SupervisedHyperparameters.AUTO);
  }

  /** The descriptions for a command that checks files and estimates cost, but trains nothing. */
  public static final class ForEstimates extends ListResourceBundle {
    /** The name to give as {@code @Command(resourceBundle = ...)}. */
    static final String NAME = "dev.reve.cli.TrainingTargetOptions$ForEstimates";

    @Override
    protected Object[][] getContents() {
      return new Object[][] {
        {"base-model", "The model to fine-tune, for limits and price. Default: ${DEFAULT-VALUE}."},
        {"epochs", "Epochs of the job, for the cost. Default: ${DEFAULT-VALUE} (estimated as 3)."}
      };
    }
  }
}
