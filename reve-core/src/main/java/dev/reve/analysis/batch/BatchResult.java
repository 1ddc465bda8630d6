package dev.reve.analysis.batch;

import dev.reve.analysis.Analysis;
import java.util.Objects;
import java.util.Optional;

/**
 * One dream's analysis by one analyst out of a batch, or why there is none.
 *
 * @param dreamId the dream's id
 * @param analystId the analyst
 * @param partId the part (batch) the line was in
 * @param analysis the analysis, when the line was answered with a completion; check its {@link
 *     Analysis#status()} as for a single call (truncated, refused, filtered)
 * @param error why the line has no analysis: the HTTP status and message, the line's error, or
 *     that the batch ended (expired, cancelled, failed) before it ran
 * @param resubmit whether the line is to be sent again ({@link BatchAnalysis#resubmitFailed()})
 */
public record BatchResult(
    String dreamId, String analystId, String partId, Optional<Analysis> analysis, Optional<String> error,
    boolean resubmit) {
  /** Requires ids and exactly one of analysis and error. */
  public BatchResult {
    Objects.requireNonNull(dreamId, "dreamId");
    Objects.requireNonNull(analystId, "analystId");
    Objects.requireNonNull(partId, "partId");
    if (analysis.isPresent() == error.isPresent()) {
      throw new IllegalArgumentException("a batch result has an analysis or an error, not both or neither");
    }
  }

  /** Whether the line has an analysis. */
  public boolean succeeded() {
    return analysis.isPresent();
  }
}
