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
 */
record JobIdentity(String analyst, String sha256, String configuration) {
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
    return new JobIdentity(entry.analyst(), entry.training().sha256(), Sha256.hex(text).substring(0, 16));
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

  /** The job made earlier with this identity: the newest one not failed, else the newest. */
  Optional<FineTuningJob> findIn(JobService jobs) {
    JobListQuery query = JobListQuery.DEFAULT.withLimit(100).withMetadata(SHA256_KEY, sha256);
    List<FineTuningJob> matches =
        jobs.listAll(query, MAX_JOBS_SCANNED).stream()
            .filter(this::matches)
            .sorted(Comparator.comparingLong(FineTuningJob::createdAt).reversed())
            .toList();
    return matches.stream()
        .filter(j -> !j.failedOrCancelled())
        .findFirst()
        .or(() -> matches.stream().findFirst());
  }
}
