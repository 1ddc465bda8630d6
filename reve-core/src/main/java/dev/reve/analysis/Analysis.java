package dev.reve.analysis;

import dev.reve.openai.chat.FinishReason;
import dev.reve.openai.chat.Usage;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One analyst's reading of a dream, and how it was produced.
 *
 * <p>Check {@link #status()} (or {@link #isComplete()}) before storing {@link #text()} as a
 * finished analysis: a truncated answer is marked {@link AnalysisStatus#TRUNCATED}, and a refusal
 * or a filtered answer is reported as such, its text never passed off as the analysis.
 *
 * @param analystId the analyst, such as {@code jung}
 * @param text the analysis; empty when refused or filtered before any text
 * @param model the model that answered (after a fallback: the base model)
 * @param fineTuned whether {@code model} is the analyst's own (fine-tuned) model
 * @param source where the model choice came from (before any fallback)
 * @param fellBack whether the analyst's own model was gone (HTTP 404) and the base model answered
 * @param finishReason why generation stopped
 * @param refusal the model's refusal message, if it refused
 * @param usage token usage of the answering request
 * @param requestId the {@code x-request-id} of the answering request
 * @param latency wall time of the whole analysis, fallback included
 */
public record Analysis(
    String analystId,
    String text,
    String model,
    boolean fineTuned,
    ModelSource source,
    boolean fellBack,
    FinishReason finishReason,
    Optional<String> refusal,
    Usage usage,
    Optional<String> requestId,
    Duration latency) {

  /** Requires every part; normalises absent optionals. */
  public Analysis {
    Objects.requireNonNull(analystId, "analystId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(finishReason, "finishReason");
    refusal = refusal == null ? Optional.empty() : refusal.filter(r -> !r.isBlank());
    usage = usage == null ? Usage.NONE : usage;
    requestId = requestId == null ? Optional.empty() : requestId;
    latency = latency == null ? Duration.ZERO : latency;
  }

  /**
   * The analysis a chat completion makes: text, finish reason, refusal and usage are read the same
   * way for a single call, a stream and a batch line.
   */
  public static Analysis of(
      String analystId, dev.reve.openai.chat.ChatCompletion completion, String model, boolean fineTuned,
      ModelSource source, boolean fellBack, Optional<String> requestId, Duration latency) {
    return new Analysis(
        analystId,
        completion.text().orElse(""),
        model,
        fineTuned,
        source,
        fellBack,
        completion.finishReason(),
        completion.firstChoice().flatMap(c -> c.message().refusal()),
        completion.usage().orElse(Usage.NONE),
        requestId,
        latency);
  }

  /** How the analysis ended. */
  public AnalysisStatus status() {
    if (refusal.isPresent()) {
      return AnalysisStatus.REFUSED;
    }
    return switch (finishReason) {
      case LENGTH -> AnalysisStatus.TRUNCATED;
      case CONTENT_FILTER -> AnalysisStatus.CONTENT_FILTERED;
      case STOP -> text.isBlank() ? AnalysisStatus.UNEXPECTED : AnalysisStatus.COMPLETE;
      default -> AnalysisStatus.UNEXPECTED;
    };
  }

  /** True when the answer hit the token limit and is cut off. */
  public boolean truncated() {
    return finishReason == FinishReason.LENGTH;
  }

  /** True when the model refused. */
  public boolean refused() {
    return refusal.isPresent();
  }

  /** True when the provider's content filter withheld the answer or part of it. */
  public boolean contentFiltered() {
    return finishReason == FinishReason.CONTENT_FILTER;
  }

  /** True only for a whole answer that can be stored as the analysis. */
  public boolean isComplete() {
    return status() == AnalysisStatus.COMPLETE;
  }

  /**
   * This analysis if it is complete.
   *
   * @throws IncompleteAnalysisException otherwise, carrying this analysis
   */
  public Analysis requireComplete() {
    if (!isComplete()) {
      throw new IncompleteAnalysisException(this);
    }
    return this;
  }

  @Override
  public String toString() {
    return "Analysis{analyst="
        + analystId
        + ", status="
        + status()
        + ", model="
        + model
        + (fellBack ? " (fell back)" : "")
        + ", source="
        + source
        + ", chars="
        + text.length()
        + ", tokens="
        + usage.totalTokens()
        + requestId.map(r -> ", requestId=" + r).orElse("")
        + "}";
  }
}
