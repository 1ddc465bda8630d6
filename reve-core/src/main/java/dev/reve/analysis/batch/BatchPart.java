package dev.reve.analysis.batch;

import dev.reve.openai.batches.Batch;
import dev.reve.openai.batches.BatchRequestCounts;
import dev.reve.openai.batches.BatchStatus;
import java.util.List;
import java.util.Optional;

/**
 * One batch of a batch analysis, as the state file records it: its input file on disk, and what
 * was done with it on the server.
 *
 * @param id the part's id in the run, such as {@code p3} (a resubmission: {@code p3r1})
 * @param endpoint the base URL of the server the batch runs on
 * @param model the model every line asks for
 * @param analysts the analysts whose lines are in it
 * @param inputFile the input file, relative to the work directory
 * @param sha256 the input file's SHA-256
 * @param lines the request lines in it
 * @param bytes its size
 * @param fileId the uploaded input file, once uploaded
 * @param batchId the batch, once created
 * @param status the batch's last known status (wire value)
 * @param counts the batch's last known request counts
 * @param outputFileId the file of answered lines, once known
 * @param errorFileId the file of failed lines, once known
 * @param retryOf the part whose failed lines this part resubmits
 * @param resubmittedAs the part that resubmits this part's failed lines
 * @param retryLines lines of this part that have no answer (found by the last collect)
 */
public record BatchPart(
    String id,
    String endpoint,
    String model,
    List<String> analysts,
    String inputFile,
    String sha256,
    Long lines,
    Long bytes,
    Optional<String> fileId,
    Optional<String> batchId,
    Optional<String> status,
    Optional<BatchRequestCounts> counts,
    Optional<String> outputFileId,
    Optional<String> errorFileId,
    Optional<String> retryOf,
    Optional<String> resubmittedAs,
    Optional<Long> retryLines) {

  /** Normalises absent values. */
  public BatchPart {
    analysts = dev.reve.openai.spi.Json.list(analysts);
    lines = dev.reve.openai.spi.Json.zero(lines);
    bytes = dev.reve.openai.spi.Json.zero(bytes);
  }

  /** A part written to disk and not yet sent. */
  static BatchPart planned(
      String id, String endpoint, String model, List<String> analysts, String inputFile, String sha256,
      long lines, long bytes, Optional<String> retryOf) {
    return new BatchPart(id, endpoint, model, analysts, inputFile, sha256, lines, bytes, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), retryOf,
        Optional.empty(), Optional.empty());
  }

  /** The status as an enum; {@link BatchStatus#UNKNOWN} before the batch exists. */
  public BatchStatus state() {
    return status.map(BatchStatus::of).orElse(BatchStatus.UNKNOWN);
  }

  /** Whether the batch exists and will change no more. */
  public boolean finished() {
    return batchId.isPresent() && state().terminal();
  }

  BatchPart uploaded(String id) {
    return new BatchPart(this.id, endpoint, model, analysts, inputFile, sha256, lines, bytes, Optional.of(id),
        batchId, status, counts, outputFileId, errorFileId, retryOf, resubmittedAs, retryLines);
  }

  BatchPart with(Batch b) {
    return new BatchPart(id, endpoint, model, analysts, inputFile, sha256, lines, bytes, fileId,
        Optional.of(b.id()), Optional.of(b.status()), b.requestCounts(), b.outputFileId().or(() -> outputFileId),
        b.errorFileId().or(() -> errorFileId), retryOf, resubmittedAs, retryLines);
  }

  BatchPart withRetryLines(long count) {
    return new BatchPart(id, endpoint, model, analysts, inputFile, sha256, lines, bytes, fileId, batchId, status,
        counts, outputFileId, errorFileId, retryOf, resubmittedAs, Optional.of(count));
  }

  BatchPart resubmittedAs(String partId) {
    return new BatchPart(id, endpoint, model, analysts, inputFile, sha256, lines, bytes, fileId, batchId, status,
        counts, outputFileId, errorFileId, retryOf, Optional.of(partId), retryLines);
  }
}
