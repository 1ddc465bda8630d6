package dev.reve.finetune.evaluation;

import java.util.List;

/**
 * The judge's pairwise results for one analyst: a candidate against the baseline.
 *
 * @param analystId the analyst
 * @param baseline the baseline candidate (the first one given)
 * @param candidate the other candidate
 * @param pairs pairs with a readable verdict in both orders
 * @param unreadable pairs where a judge call failed or its reply could not be read
 * @param win the candidate's win share with its bootstrap 95% interval
 * @param tie the tie share (including order disagreements)
 * @param loss the loss share
 * @param firstPositionWinRate the share of single verdicts (both orders) that chose the answer
 *     shown first; 0.5 means no position bias
 * @param orderAgreement the share of pairs where both orders gave the same verdict
 * @param meanLengthDifference the candidate's mean words minus the baseline's, over the pairs
 */
public record PairFigures(
    String analystId, String baseline, String candidate, int pairs, int unreadable,
    Interval win, Interval tie, Interval loss,
    double firstPositionWinRate, double orderAgreement, double meanLengthDifference) {

  static PairFigures of(String analystId, String baseline, String candidate, List<PairVerdict> verdicts,
      Bootstrap bootstrap) {
    List<PairVerdict> usable = verdicts.stream().filter(PairVerdict::usable).toList();
    int[] outcomes = usable.stream().mapToInt(PairVerdict::outcome).toArray();
    List<Interval> wtl = bootstrap.winTieLoss(outcomes);
    long firsts = 0;
    long singles = 0;
    for (PairVerdict v : usable) {
      for (Judgement j : List.of(v.candidateFirst(), v.baselineFirst())) {
        singles++;
        firsts += j.preferred().filter("1"::equals).isPresent() ? 1 : 0;
      }
    }
    double agreement = usable.isEmpty() ? 0 : usable.stream().filter(PairVerdict::agreed).count() / (double) usable.size();
    double length = usable.stream().mapToInt(PairVerdict::lengthDifference).average().orElse(0);
    return new PairFigures(analystId, baseline, candidate, usable.size(), verdicts.size() - usable.size(),
        wtl.get(0), wtl.get(1), wtl.get(2), singles == 0 ? 0 : (double) firsts / singles, agreement, length);
  }
}
