package dev.reve.finetune.run;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.JobService;
import dev.reve.finetune.ProviderKind;
import dev.reve.openai.call.AuthStyle;
import java.util.ArrayList;
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
  private final Map<String, RunJob> jobs = new LinkedHashMap<>();
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
      JobService jobs, FineTuningProvider provider, Map<String, String> jobIds, Path modelsFile,
      ShutdownCheck shutdown) {
    Objects.requireNonNull(jobIds, "jobIds");
    ModelPromotion promotion = new ModelPromotion(shutdown);
    jobIds.forEach((analyst, jobId) -> {
      AnalystDataset.requireId(analyst);
      FineTuningJob job = jobs.retrieve(jobId);
      promotion.add(AnalystRun.started(analyst, null).withJob(job, provider));
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
        jobs.put(entry.analyst(), entry.job().orElseThrow());
      }
    } else {
      left.put(entry.analyst(), reasonNotPromoted(entry));
    }
  }

  private Promotion write(Path modelsFile) {
    Objects.requireNonNull(modelsFile, "modelsFile");
    List<String> env = new ArrayList<>();
    List<String> steps = new ArrayList<>();
    if (!models.isEmpty()) {
      Map<String, String> entries = new LinkedHashMap<>();
      models.forEach((a, m) -> {
        entries.put(ModelsFile.key(a), m);
        env.add(Promotion.environmentVariable(a) + "=" + m);
        servedFrom(a, jobs.get(a), entries, env, steps);
      });
      ModelsFile.merge(modelsFile, entries);
    }
    return new Promotion(modelsFile, models, left, env, steps);
  }

  /**
   * Where the analyst's model answers: the provider's base URL, the variable with its key and, for
   * Azure, the api-key header. A job on OpenAI answers from the main client, so those keys go (one
   * left from an earlier promotion elsewhere would send the model to the wrong server); a job from
   * a state file that names no provider leaves them as they are.
   */
  private static void servedFrom(
      String analyst, RunJob job, Map<String, String> entries, List<String> env, List<String> steps) {
    if (job.provider().isEmpty() || job.baseUrl().isEmpty()) {
      return;
    }
    if (job.providerKind() == ProviderKind.OPENAI) {
      entries.put(ModelsFile.baseUrlKey(analyst), null);
      entries.put(ModelsFile.keyVariableKey(analyst), null);
      entries.put(ModelsFile.authKey(analyst), null);
      return;
    }
    String upper = analyst.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    String url = job.baseUrl().get();
    entries.put(ModelsFile.baseUrlKey(analyst), url);
    job.keyVariable().ifPresent(k -> entries.put(ModelsFile.keyVariableKey(analyst), k));
    boolean azure = job.providerKind() == ProviderKind.AZURE;
    entries.put(ModelsFile.authKey(analyst), azure ? AuthStyle.API_KEY.id() : null);
    env.add("OPENAI_" + upper + "_BASE_URL=" + url);
    job.keyVariable().ifPresent(k -> env.add("OPENAI_" + upper + "_API_KEY=$" + k));
    if (azure) {
      FineTuningProvider provider = new FineTuningProvider(ProviderKind.AZURE, url, job.keyVariable().orElse("AZURE_OPENAI_API_KEY"));
      provider.deploymentStep(job.fineTunedModel().orElse("the model")).ifPresent(s -> steps.add(analyst + ": " + s));
    }
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
