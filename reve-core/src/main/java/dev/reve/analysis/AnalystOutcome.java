package dev.reve.analysis;

import java.util.Objects;
import java.util.Optional;

/**
 * One analyst's part of a {@link MultiAnalysis}: its analysis, or why it failed. Exactly one of the
 * two is present.
 *
 * @param analystId the analyst
 * @param analysis the analysis, when the request succeeded (check its status before storing)
 * @param failure the exception, when it did not
 */
public record AnalystOutcome(
    String analystId, Optional<Analysis> analysis, Optional<Throwable> failure) {

  /** Requires exactly one of analysis and failure. */
  public AnalystOutcome {
    Objects.requireNonNull(analystId, "analystId");
    analysis = analysis == null ? Optional.empty() : analysis;
    failure = failure == null ? Optional.empty() : failure;
    if (analysis.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("an outcome holds either an analysis or a failure");
    }
  }

  /** A successful outcome. */
  public static AnalystOutcome success(Analysis analysis) {
    return new AnalystOutcome(analysis.analystId(), Optional.of(analysis), Optional.empty());
  }

  /** A failed outcome. */
  public static AnalystOutcome failure(String analystId, Throwable failure) {
    return new AnalystOutcome(
        analystId, Optional.empty(), Optional.of(Objects.requireNonNull(failure, "failure")));
  }

  /** Whether the request succeeded (the analysis may still be truncated or refused). */
  public boolean succeeded() {
    return analysis.isPresent();
  }

  /** A one-line description for logs and CLIs. */
  public String describe() {
    return analysis
        .map(a -> analystId + ": " + a.status() + " (" + a.model() + ")")
        .orElseGet(() -> analystId + ": FAILED: " + failure.map(Throwable::getMessage).orElse(""));
  }
}
