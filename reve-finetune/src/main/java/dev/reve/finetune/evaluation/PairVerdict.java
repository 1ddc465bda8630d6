package dev.reve.finetune.evaluation;

import java.util.Objects;

/**
 * The judge's preference between a candidate's answer and the baseline's, asked in both orders.
 * The outcome counts only a preference both orders agree on; a disagreement is a tie.
 *
 * @param dreamId the dream
 * @param analystId the analyst
 * @param sample the sample
 * @param baseline the baseline candidate's label
 * @param candidate the other candidate's label
 * @param candidateFirst the judgement with the candidate's answer shown as 1
 * @param baselineFirst the judgement with the baseline's answer shown as 1
 * @param outcome +1 the candidate wins, 0 tie, -1 the baseline wins
 * @param agreed whether both orders gave the same verdict
 * @param lengthDifference the candidate's answer's words minus the baseline's
 */
public record PairVerdict(
    String dreamId, String analystId, int sample, String baseline, String candidate,
    Judgement candidateFirst, Judgement baselineFirst, int outcome, boolean agreed, int lengthDifference) {

  /** Requires both judgements. */
  public PairVerdict {
    Objects.requireNonNull(candidateFirst, "candidateFirst");
    Objects.requireNonNull(baselineFirst, "baselineFirst");
  }

  /** Whether both orders gave a readable verdict. */
  public boolean usable() {
    return candidateFirst.preferred().isPresent() && baselineFirst.preferred().isPresent();
  }

  /**
   * Combines the two orders. In {@code candidateFirst} "1" is the candidate; in {@code
   * baselineFirst} "1" is the baseline.
   */
  static PairVerdict of(String dreamId, String analystId, int sample, String baseline, String candidate,
      Judgement candidateFirst, Judgement baselineFirst, int lengthDifference) {
    int a = side(candidateFirst.preferred().orElse("tie"), true);
    int b = side(baselineFirst.preferred().orElse("tie"), false);
    boolean usable = candidateFirst.preferred().isPresent() && baselineFirst.preferred().isPresent();
    boolean agreed = usable && a == b;
    return new PairVerdict(dreamId, analystId, sample, baseline, candidate, candidateFirst, baselineFirst,
        agreed ? a : 0, agreed, lengthDifference);
  }

  /** +1 when the verdict favours the candidate. */
  private static int side(String preferred, boolean candidateShownFirst) {
    return switch (preferred) {
      case "1" -> candidateShownFirst ? 1 : -1;
      case "2" -> candidateShownFirst ? -1 : 1;
      default -> 0;
    };
  }
}
