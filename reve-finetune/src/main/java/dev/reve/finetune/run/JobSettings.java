package dev.reve.finetune.run;

import dev.reve.finetune.CreateJobRequest;
import dev.reve.finetune.SupervisedHyperparameters;
import java.util.Map;
import java.util.Optional;

/**
 * What a run's jobs are made with besides the data: base model, hyperparameters, seed and
 * model-name suffixes.
 */
record JobSettings(
    String baseModel, SupervisedHyperparameters hyperparameters, Optional<Integer> seed, Map<String, String> suffixes) {

  JobSettings {
    suffixes = Map.copyOf(suffixes);
  }

  /** The model-name suffix for {@code analyst}: the one set, else the analyst id. */
  String suffix(String analyst) {
    return suffixes.getOrDefault(analyst, analyst);
  }

  /** The request for {@code entry}'s job, marked with {@code identity} so a rerun finds it. */
  CreateJobRequest request(AnalystRun entry, JobIdentity identity) {
    CreateJobRequest.Builder request =
        CreateJobRequest.builder(baseModel, entry.training().fileId().orElseThrow())
            .suffix(suffix(entry.analyst()))
            .hyperparameters(hyperparameters);
    identity.metadata().forEach(request::metadata);
    entry.validation().flatMap(RunUpload::fileId).ifPresent(request::validationFile);
    seed.ifPresent(request::seed);
    return request.build();
  }
}
