package dev.reve.finetune.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a comparison found: every answer with its figures, the figures per analyst and
 * candidate, and the judge's pairwise results. The report writers ({@code
 * dev.reve.finetune.evaluation.report}) turn it into HTML, Markdown and JSON.
 *
 * @param createdAt when the run finished (ISO-8601 instant)
 * @param options what was run
 * @param answers every answer, in dream, analyst, candidate, sample order
 * @param groups the figures per analyst and candidate
 * @param verdicts every pairwise verdict (empty without a judge or with one candidate)
 * @param pairs the pairwise figures per analyst and candidate against the baseline
 * @param freshCalls answer calls sent in this run (0 on a rerun: everything came from the cache)
 * @param cachedAnswers answers taken from the cache or an archive
 */
public record ComparisonResult(
    String createdAt,
    CompareOptions options,
    List<ScoredAnswer> answers,
    List<GroupFigures> groups,
    List<PairVerdict> verdicts,
    List<PairFigures> pairs,
    int freshCalls,
    int cachedAnswers) {

  /** Copies the lists. */
  public ComparisonResult {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(options, "options");
    answers = List.copyOf(answers);
    groups = List.copyOf(groups);
    verdicts = List.copyOf(verdicts);
    pairs = List.copyOf(pairs);
  }

  /** The judge model, if a judge ran. */
  public Optional<String> judge() {
    return options.judge();
  }

  /** The figures of one analyst and candidate. */
  public Optional<GroupFigures> group(String analystId, String candidate) {
    return groups.stream().filter(g -> g.analystId().equals(analystId) && g.candidate().equals(candidate)).findFirst();
  }

  /** The scored answer of one dream, analyst, candidate and sample. */
  public Optional<ScoredAnswer> answer(String dreamId, String analystId, String candidate, int sample) {
    return answers.stream()
        .filter(s -> s.answer().dreamId().equals(dreamId) && s.answer().analystId().equals(analystId)
            && s.answer().candidate().equals(candidate) && s.answer().sample() == sample)
        .findFirst();
  }
}
