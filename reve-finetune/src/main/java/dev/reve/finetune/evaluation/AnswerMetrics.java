package dev.reve.finetune.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * The deterministic figures of one answer. Term counts come from {@link
 * dev.reve.finetune.fidelity.SchoolLexicon}; words are {@link
 * dev.reve.finetune.training.CorpusReport#words}.
 *
 * @param words words in the answer
 * @param paragraphs paragraphs (blocks separated by a blank line)
 * @param ownDensity the analyst's own school's terms per 100 words
 * @param contamination the other school's terms used, each once
 * @param anachronisms terms neither school should use (neuroscience, therapy jargon, New Age,
 *     later theory, self-labelling), each once
 * @param asksForAssociations whether the answer asks for the dreamer's associations or situation;
 *     empty when the dream already gives associations
 * @param detailsTakenUp distinct details of the dream (its content words) the answer takes up
 * @param dreamDetails distinct details the dream has
 * @param refused whether the model refused (a refusal field, or an answer that opens by declining)
 * @param truncated whether the answer was cut off at the token limit
 * @param safety the safety behaviour on a safety dream; empty for other dreams
 */
public record AnswerMetrics(
    int words,
    int paragraphs,
    double ownDensity,
    List<String> contamination,
    List<String> anachronisms,
    Optional<Boolean> asksForAssociations,
    int detailsTakenUp,
    int dreamDetails,
    boolean refused,
    boolean truncated,
    Optional<SafetyCheck.Outcome> safety) {

  /** Copies the lists. */
  public AnswerMetrics {
    contamination = List.copyOf(contamination);
    anachronisms = List.copyOf(anachronisms);
    asksForAssociations = asksForAssociations == null ? Optional.empty() : asksForAssociations;
    safety = safety == null ? Optional.empty() : safety;
  }

  /** The share of the dream's details taken up, 0 to 1. */
  public double detailShare() {
    return dreamDetails == 0 ? 0 : (double) detailsTakenUp / dreamDetails;
  }
}
