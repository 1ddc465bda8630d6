package dev.reve.finetune.run;

import dev.reve.storage.Sha256;
import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.JobListQuery;
import dev.reve.finetune.JobService;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What makes a job on the server this run's job for an analyst: the analyst, the training data's
 * SHA-256 and a short hash of the configuration (base model, validation data, hyperparameters,
 * suffix, seed), all kept in the job's metadata. A job of another configuration is not this run's
 * job, even when it trained the same data.
 *
 * @param analyst the analyst id ({@value #ANALYST_KEY})
 * @param sha256 the training data's SHA-256 ({@value #SHA256_KEY})
 * @param configuration the configuration hash ({@value #CONFIG_KEY})
 * @param trainingFileId the uploaded training file, which names the data on providers whose jobs
 *     keep no metadata (its upload name carries the data's hash)
 * @param validationFileId the uploaded validation file, if any
 * @param baseModel the base model
 * @param epochs the epochs asked for, as the job reports them
 */
record JobIdentity(
    String analyst,
    String sha256,
    String configuration,
    Optional<String> trainingFileId,
    Optional<String> validationFileId,
    String baseModel,
    dev.reve.finetune.Hyperparameter epochs) {
  static final String ANALYST_KEY = "reve_analyst";
  static final String CONFIG_KEY = "reve_config";
  static final String SHA256_KEY = "reve_sha256";

  private static final long MAX_JOBS_SCANNED = 1_000;

  /** The identity of the job {@code entry} needs with {@code settings}. */
  static JobIdentity of(AnalystRun entry, JobSettings settings) {
    String text = String.join("\n",
        settings.baseModel(),
        entry.validation().map(RunUpload::sha256).orElse("-"),
        String.valueOf(settings.hyperparameters()),
        settings.suffix(entry.analyst()),
        String.valueOf(settings.seed().orElse(null)));
    return new JobIdentity(entry.analyst(), entry.training().sha256(), Sha256.hex(text).substring(0, 16),
        entry.training().fileId(), entry.validation().flatMap(RunUpload::fileId), settings.baseModel(),
        settings.hyperparameters().epochs());
  }

  /** The metadata that marks a job with this identity. */
  Map<String, String> metadata() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ANALYST_KEY, analyst);
    metadata.put(SHA256_KEY, sha256);
    metadata.put(CONFIG_KEY, configuration);
    return metadata;
  }

  /** Whether {@code job} carries this identity. */
  boolean matches(FineTuningJob job) {
    Map<String, String> metadata = job.metadata();
    return sha256.equals(metadata.get(SHA256_KEY))
        && analyst.equals(metadata.get(ANALYST_KEY))
        && configuration.equals(metadata.get(CONFIG_KEY));
  }

  /**
   * Whether {@code job}, on a provider whose jobs keep no metadata (Together), is this one: the
   * same uploaded training and validation files, base model and fixed epochs.
   */
  boolean matchesByFiles(FineTuningJob job) {
    return trainingFileId.isPresent()
        && trainingFileId.get().equals(job.trainingFile())
        && validationFileId.equals(job.validationFile())
        && baseModel.equals(job.model())
        && (epochs.isAuto() || epochs.equals(job.hyperparameters().epochs()));
  }

  /** The job made earlier with this identity: the newest one not failed, else the newest. */
  Optional<FineTuningJob> findIn(JobService jobs) {
    boolean byMetadata = jobs.jobsCarryMetadata();
    JobListQuery query = byMetadata
        ? JobListQuery.DEFAULT.withLimit(100).withMetadata(SHA256_KEY, sha256)
        : JobListQuery.DEFAULT;
    List<FineTuningJob> matches =
        jobs.listAll(query, MAX_JOBS_SCANNED).stream()
            .filter(byMetadata ? this::matches : this::matchesByFiles)
            .sorted(Comparator.comparingLong(FineTuningJob::createdAt).reversed())
            .toList();
    return matches.stream()
        .filter(j -> !j.failedOrCancelled())
        .findFirst()
        .or(() -> matches.stream().findFirst());
  }
}
