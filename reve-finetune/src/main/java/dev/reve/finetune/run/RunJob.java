package dev.reve.finetune.run;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.ProviderKind;
import dev.reve.finetune.JobStatus;
import java.util.Optional;

/**
 * A run's fine-tuning job as kept in the state file.
 *
 * @param id the job's id
 * @param status the job's last known status, as the API spells it
 * @param fineTunedModel the resulting model, once the job succeeded
 * @param provider the provider the job is on ({@link ProviderKind#id()}); empty in files written
 *     before format 3, which means OpenAI
 * @param baseUrl the provider's base URL the job was created at
 * @param keyVariable the environment variable with that provider's key (never the key)
 */
public record RunJob(
    String id,
    Optional<String> status,
    Optional<String> fineTunedModel,
    Optional<String> provider,
    Optional<String> baseUrl,
    Optional<String> keyVariable) {

  /** Requires an id; normalises absent values. */
  public RunJob {
    id = id == null ? "" : id;
    status = AnalystRun.present(status);
    fineTunedModel = AnalystRun.present(fineTunedModel);
    provider = AnalystRun.present(provider);
    baseUrl = AnalystRun.present(baseUrl);
    keyVariable = AnalystRun.present(keyVariable);
  }

  /** A job with no provider recorded (format 1 and 2 files): OpenAI's. */
  public RunJob(String id, Optional<String> status, Optional<String> fineTunedModel) {
    this(id, status, fineTunedModel, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The job as last seen on {@code provider}. */
  public static RunJob of(FineTuningJob job, FineTuningProvider provider) {
    return new RunJob(job.id(), Optional.of(job.status()), job.fineTunedModel(),
        Optional.of(provider.kind().id()), Optional.of(provider.baseUrl()), Optional.of(provider.keyVariable()));
  }

  /** The provider the job is on; OpenAI when the file predates format 3. */
  public ProviderKind providerKind() {
    return provider.map(ProviderKind::of).orElse(ProviderKind.OPENAI);
  }

  /** The same job, now seen as {@code job}, on the provider recorded. */
  RunJob seen(FineTuningJob job) {
    return new RunJob(job.id(), Optional.of(job.status()), job.fineTunedModel(), provider, baseUrl, keyVariable);
  }

  /** The status as an enum. */
  public JobStatus state() {
    return status.map(JobStatus::of).orElse(JobStatus.UNKNOWN);
  }

  /** Whether the job succeeded and its model is known. */
  public boolean succeeded() {
    return state() == JobStatus.SUCCEEDED && fineTunedModel.isPresent();
  }
}
