package dev.reve.finetune.run;

import dev.reve.analysis.AnalystRegistry;
import dev.reve.finetune.SupervisedHyperparameters;
import dev.reve.finetune.validation.Epochs;
import dev.reve.finetune.validation.ValidationOptions;
import java.util.Map;
import java.util.Optional;

/**
 * Which check a run applies to an analyst's files: the analyst's own check, else the validator
 * with the run's base model, epochs and the analyst's profile, else the common check.
 */
final class RunChecks {
  private final TrainingFileCheck common;
  private final Map<String, TrainingFileCheck> own;
  private final Optional<ValidationOptions> validation;
  private final AnalystRegistry registry;
  private final String baseModel;
  private final SupervisedHyperparameters hyperparameters;

  RunChecks(
      TrainingFileCheck common,
      Map<String, TrainingFileCheck> own,
      Optional<ValidationOptions> validation,
      AnalystRegistry registry,
      String baseModel,
      SupervisedHyperparameters hyperparameters) {
    this.common = common;
    this.own = Map.copyOf(own);
    this.validation = validation;
    this.registry = registry;
    this.baseModel = baseModel;
    this.hyperparameters = hyperparameters;
  }

  TrainingFileCheck forAnalyst(String analyst) {
    TrainingFileCheck check = own.get(analyst);
    if (check != null) {
      return check;
    }
    if (validation.isPresent()) {
      ValidationOptions.Builder options = validation.get().toBuilder().baseModel(baseModel);
      hyperparameters.epochs().value().ifPresent(n -> options.epochs(Epochs.of(n.intValue())));
      registry.find(analyst).ifPresent(options::analyst);
      return TrainingFileChecks.validator(options.build());
    }
    return common;
  }
}
