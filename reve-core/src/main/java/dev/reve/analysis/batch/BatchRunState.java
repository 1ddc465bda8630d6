package dev.reve.analysis.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state file of a batch analysis ({@value BatchStateFile#DEFAULT_NAME} in the work
 * directory): the run's id, the analysts, the cost estimate and every part.
 *
 * @param version the format version, {@value #VERSION}
 * @param runId a random id put into every batch's metadata, so the run's batches are found again
 * @param analysts the analysts, in order
 * @param dreams the dreams read
 * @param dreamsSha256 the SHA-256 of the dreams file, when the dreams came from one
 * @param estimate the cost estimate made when the parts were written
 * @param parts the batches, in order
 * @param updatedAt when the file was last written (ISO-8601)
 */
public record BatchRunState(
    Integer version,
    String runId,
    List<String> analysts,
    Long dreams,
    Optional<String> dreamsSha256,
    Optional<BatchCostEstimate> estimate,
    List<BatchPart> parts,
    Optional<String> updatedAt) {

  /** The format version this SDK writes. */
  public static final int VERSION = 1;

  /** Normalises absent values. */
  public BatchRunState {
    version = version == null ? VERSION : version;
    runId = runId == null ? "" : runId;
    analysts = dev.reve.openai.spi.Json.list(analysts);
    dreams = dev.reve.openai.spi.Json.zero(dreams);
    parts = dev.reve.openai.spi.Json.list(parts);
  }

  /** The part with this id. */
  public Optional<BatchPart> part(String id) {
    return parts.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** Whether every part's batch exists and has finished. */
  public boolean allFinished() {
    return !parts.isEmpty() && parts.stream().allMatch(BatchPart::finished);
  }

  /** Request lines over all parts that are not resubmissions. */
  public long requests() {
    return parts.stream().filter(p -> p.retryOf().isEmpty()).mapToLong(BatchPart::lines).sum();
  }

  BatchRunState with(BatchPart part) {
    List<BatchPart> copy = new ArrayList<>(parts);
    boolean replaced = false;
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).id().equals(part.id())) {
        copy.set(i, part);
        replaced = true;
      }
    }
    if (!replaced) {
      copy.add(part);
    }
    return new BatchRunState(version, runId, analysts, dreams, dreamsSha256, estimate, copy, updatedAt);
  }

  BatchRunState stamped(String time) {
    return new BatchRunState(VERSION, runId, analysts, dreams, dreamsSha256, estimate, parts, Optional.of(time));
  }
}
