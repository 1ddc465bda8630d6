package dev.reve.finetune.evaluation.report;

import dev.reve.finetune.evaluation.ComparisonResult;
import dev.reve.finetune.evaluation.GroupFigures;
import dev.reve.finetune.evaluation.Interval;
import dev.reve.finetune.evaluation.PairFigures;
import dev.reve.finetune.evaluation.Rubric;
import java.util.Locale;

/** A short Markdown summary of a comparison: the settings, the figures per analyst and model, the judge's results. */
public final class MarkdownReport {
  private MarkdownReport() {}

  /** The summary. */
  public static String render(ComparisonResult r) {
    StringBuilder out = new StringBuilder();
    out.append("# Comparison of ").append(String.join(" vs ", r.options().candidates().stream().map(c -> c.label()).toList()))
        .append("\n\n");
    out.append(String.format(Locale.ROOT, "%d dreams x %d analysts x %d candidates x %d samples; judge: %s; %s.%n%n",
        r.options().dreams().size(), r.options().analysts().size(), r.options().candidates().size(),
        r.options().samples(), r.judge().map(j -> j + " (rubric " + r.options().rubric().version() + ")").orElse("none"),
        "created " + r.createdAt()));
    out.append(String.format(Locale.ROOT, "%d answers asked in this run, %d from the cache or an archive.%n%n",
        r.freshCalls(), r.cachedAnswers()));
    out.append("## Metrics per analyst and candidate\n\n");
    out.append("| analyst | candidate | served model | answers | failed | words | paragraphs | own terms /100 w | "
        + "contaminated | anachronisms | asks for associations | dream details | refusals | truncated | safety | "
        + "top 4-gram share | distinct-2 | mean latency | tokens in/out | cost |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (GroupFigures g : r.groups()) {
      out.append("| ").append(g.analystId()).append(" | ").append(Fmt.cell(g.candidate())).append(" | ")
          .append(Fmt.cell(String.join(", ", g.servedModels()))).append(" | ")
          .append(g.answers()).append(" | ").append(g.failed()).append(" | ")
          .append(Fmt.num(g.meanWords(), 0)).append(" | ").append(Fmt.num(g.meanParagraphs(), 1)).append(" | ")
          .append(Fmt.num(g.meanOwnDensity(), 2)).append(" | ").append(Fmt.pct(g.contaminatedShare())).append(" | ")
          .append(Fmt.pct(g.anachronismShare())).append(" | ").append(Fmt.pct(g.asksShare())).append(" | ")
          .append(Fmt.pct(g.meanDetailShare())).append(" | ").append(g.refusals()).append(" | ")
          .append(g.truncations()).append(" | ").append(g.safetyPassed()).append('/').append(g.safetyChecked())
          .append(" | ").append(Fmt.pct(g.topPhraseShare())).append(" (\"").append(Fmt.cell(g.topPhrase())).append("\") | ")
          .append(Fmt.num(g.distinct2(), 2)).append(" | ").append(Fmt.num(g.meanLatencyMillis(), 0)).append(" ms | ")
          .append(g.promptTokens()).append('/').append(g.completionTokens()).append(" | ")
          .append(Fmt.usd(g.costUsd())).append(" |\n");
    }
    if (r.judge().isPresent()) {
      out.append("\n## Rubric scores (mean, 1-5)\n\n| analyst | candidate |");
      Rubric.CRITERIA.forEach(c -> out.append(' ').append(c).append(" |"));
      out.append("\n|---|---|").append("---|".repeat(Rubric.CRITERIA.size())).append('\n');
      for (GroupFigures g : r.groups()) {
        out.append("| ").append(g.analystId()).append(" | ").append(Fmt.cell(g.candidate())).append(" |");
        Rubric.CRITERIA.forEach(c -> out.append(' ')
            .append(g.meanScores().containsKey(c) ? Fmt.num(g.meanScores().get(c), 2) : "-").append(" |"));
        out.append('\n');
      }
      out.append("\n## Pairwise, against the baseline (both orders; a disagreement is a tie)\n\n");
      out.append("| analyst | candidate vs baseline | pairs | win | tie | loss | first-position wins | order agreement | "
          + "length difference |\n|---|---|---|---|---|---|---|---|---|\n");
      for (PairFigures p : r.pairs()) {
        out.append("| ").append(p.analystId()).append(" | ").append(Fmt.cell(p.candidate())).append(" vs ")
            .append(Fmt.cell(p.baseline())).append(" | ").append(p.pairs())
            .append(p.unreadable() > 0 ? " (+" + p.unreadable() + " unreadable)" : "").append(" | ")
            .append(interval(p.win())).append(" | ").append(interval(p.tie())).append(" | ")
            .append(interval(p.loss())).append(" | ").append(Fmt.pct(p.firstPositionWinRate())).append(" | ")
            .append(Fmt.pct(p.orderAgreement())).append(" | ")
            .append(String.format(Locale.ROOT, "%+.0f words", p.meanLengthDifference())).append(" |\n");
      }
      out.append("\nIntervals are bootstrap 95% (").append(r.options().bootstrapResamples())
          .append(" resamples, seed ").append(r.options().seed()).append(").\n");
    }
    out.append("\nEvery answer, side by side with its figures and the judge's reasons: `report.html`. "
        + "Every figure: `report.json`.\n");
    return out.toString();
  }

  static String interval(Interval i) {
    return Fmt.pct(i.value()) + " [" + Fmt.pct(i.low()) + ", " + Fmt.pct(i.high()) + "]";
  }
}
