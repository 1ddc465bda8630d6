package dev.reve.analysis;

import dev.reve.openai.error.OpenAiException;
import java.util.Objects;

/**
 * An analysis was not a whole answer (truncated, refused, filtered) where one was required; see
 * {@link Analysis#requireComplete()}. Carries the analysis, partial text included.
 */
public final class IncompleteAnalysisException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final transient Analysis analysis;

  /** Creates the exception for {@code analysis}. */
  public IncompleteAnalysisException(Analysis analysis) {
    super(describe(Objects.requireNonNull(analysis, "analysis")));
    this.analysis = analysis;
  }

  /** The incomplete analysis. */
  public Analysis analysis() {
    return analysis;
  }

  private static String describe(Analysis a) {
    String why = a.problem().orElse("was complete");
    return "The "
        + a.analystId()
        + " analysis from "
        + a.model()
        + " "
        + why
        + a.requestId().map(r -> " (request id " + r + ")").orElse("");
  }
}
