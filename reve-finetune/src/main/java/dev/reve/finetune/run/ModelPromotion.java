package dev.reve.finetune.run;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.JobService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes succeeded analysts' models into a models file and says why each other analyst was left
 * out, a model past its shutdown date included. One analyst failing does not hold back another
 * that succeeded.
 */
final class ModelPromotion {
  private final Map<String, String> models = new LinkedHashMap<>();
  private final Map<String, String> left = new LinkedHashMap<>();
  private final ShutdownCheck shutdown;

  private ModelPromotion(ShutdownCheck shutdown) {
    this.shutdown = shutdown;
  }

  /** Promotes what a run recorded. */
  static Promotion of(RunState state, Path modelsFile, Path stateFile, ShutdownCheck shutdown) {
    if (state.analysts().isEmpty()) {
      return new Promotion(modelsFile, Map.of(), Map.of("(none)", "no run recorded in " + stateFile), List.of());
    }
    ModelPromotion promotion = new ModelPromotion(shutdown);
    state.analysts().values().forEach(promotion::add);
    return promotion.write(modelsFile);
  }

  /** Promotes the results of jobs given by id: analyst id to job id. */
  static Promotion ofJobs(
      JobService jobs, Map<String, String> jobIds, Path modelsFile, ShutdownCheck shutdown) {
    Objects.requireNonNull(jobIds, "jobIds");
    ModelPromotion promotion = new ModelPromotion(shutdown);
    jobIds.forEach((analyst, jobId) -> {
      AnalystDataset.requireId(analyst);
      FineTuningJob job = jobs.retrieve(jobId);
      promotion.add(AnalystRun.started(analyst, null).withJob(job));
    });
    return promotion.write(modelsFile);
  }

  private void add(AnalystRun entry) {
    if (entry.succeeded()) {
      String model = entry.fineTunedModel().orElseThrow();
      Optional<String> refused = shutdown.refusal(model);
      if (refused.isPresent()) {
        left.put(entry.analyst(), refused.get());
      } else {
        models.put(entry.analyst(), model);
      }
    } else {
      left.put(entry.analyst(), reasonNotPromoted(entry));
    }
  }

  private Promotion write(Path modelsFile) {
    Objects.requireNonNull(modelsFile, "modelsFile");
    if (!models.isEmpty()) {
      Map<String, String> entries = new LinkedHashMap<>();
      models.forEach((a, m) -> entries.put(ModelsFile.key(a), m));
      ModelsFile.merge(modelsFile, entries);
    }
    List<String> env =
        models.entrySet().stream().map(e -> Promotion.environmentVariable(e.getKey()) + "=" + e.getValue()).toList();
    return new Promotion(modelsFile, models, left, env);
  }

  private static String reasonNotPromoted(AnalystRun entry) {
    if (entry.jobId().isEmpty()) {
      return entry.error().map(e -> "no job was created (" + e + "); fix that and run again")
          .orElse("no job was created yet; run again to create it");
    }
    String job = "job " + entry.jobId().get();
    return switch (entry.state()) {
      case SUCCEEDED -> job + " succeeded but named no model; check it with status --refresh";
      case FAILED -> job + " failed" + entry.error().map(e -> ": " + e).orElse("")
          + "; fix the cause and run again with failed jobs retried";
      case CANCELLED -> job + " was cancelled; run again with failed jobs retried to train anew";
      default -> job + " is " + entry.status().orElse("in an unknown state")
          + "; wait for it to finish and promote again";
    };
  }
}
