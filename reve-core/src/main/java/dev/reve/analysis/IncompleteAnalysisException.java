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
    String why =
        switch (a.status()) {
          case TRUNCATED ->
              "was cut off at the token limit ("
                  + a.usage().completionTokens()
                  + " tokens); raise AnalysisOptions.maxCompletionTokens";
          case REFUSED -> "was refused by the model: " + a.refusal().orElse("");
          case CONTENT_FILTERED -> "was withheld by the provider's content filter";
          default -> "ended unexpectedly (finish reason " + a.finishReason() + ")";
        };
    return "The "
        + a.analystId()
        + " analysis from "
        + a.model()
        + " "
        + why
        + a.requestId().map(r -> " (request id " + r + ")").orElse("");
  }
}
