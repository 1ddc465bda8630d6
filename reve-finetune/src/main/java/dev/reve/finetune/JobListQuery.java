package dev.reve.finetune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Paging and filter for {@code GET fine_tuning/jobs}.
 *
 * @param limit jobs per page
 * @param after the job id after which to start
 * @param metadata only jobs whose metadata holds these pairs (sent as {@code metadata[k]=v})
 */
public record JobListQuery(Optional<Integer> limit, Optional<String> after, Map<String, String> metadata) {
  /** The server's defaults (20 per page), no filter. */
  public static final JobListQuery DEFAULT = new JobListQuery(Optional.empty(), Optional.empty(), Map.of());

  /** Checks the values. */
  public JobListQuery {
    limit = dev.reve.openai.spi.Json.opt(limit);
    limit.ifPresent(
        l -> {
          if (l < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + l);
          }
        });
    after = dev.reve.openai.spi.Json.opt(after);
    metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A copy with another page size. */
  public JobListQuery withLimit(int value) {
    return new JobListQuery(Optional.of(value), after, metadata);
  }

  /** A copy starting after {@code jobId}. */
  public JobListQuery withAfter(String jobId) {
    return new JobListQuery(limit, Optional.ofNullable(jobId), metadata);
  }

  /** A copy that also requires the metadata pair. */
  public JobListQuery withMetadata(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(metadata);
    copy.put(key, value);
    return new JobListQuery(limit, after, copy);
  }
}
