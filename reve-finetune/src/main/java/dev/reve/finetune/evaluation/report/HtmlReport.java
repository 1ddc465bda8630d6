package dev.reve.finetune.evaluation.report;

import dev.reve.finetune.evaluation.Answer;
import dev.reve.finetune.evaluation.AnswerMetrics;
import dev.reve.finetune.evaluation.ComparisonResult;
import dev.reve.finetune.evaluation.EvalDream;
import dev.reve.finetune.evaluation.GroupFigures;
import dev.reve.finetune.evaluation.Judgement;
import dev.reve.finetune.evaluation.PairVerdict;
import dev.reve.finetune.evaluation.Rubric;
import dev.reve.finetune.evaluation.ScoredAnswer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The comparison as one self-contained HTML page: styles inline, charts as inline SVG, no script
 * from anywhere else and no network access, so it opens from disk anywhere. It shows the figures
 * per analyst and candidate, the judge's results, and every answer side by side with its figures,
 * its rubric scores and the judge's reasons.
 */
public final class HtmlReport {
  private static final String STYLE = """
      :root{--ink:#1f2430;--muted:#5d6675;--line:#dde1e7;--bg:#f7f8fa;--card:#fff}
      *{box-sizing:border-box}body{margin:0;font:15px/1.5 Georgia,'Times New Roman',serif;color:var(--ink);background:var(--bg)}
      header{padding:28px 40px 18px;background:#1f2a3a;color:#f4f1ea}header h1{margin:0 0 6px;font-size:26px;font-weight:normal}
      header p{margin:2px 0;color:#cfd6e0;font:13px/1.5 system-ui,sans-serif}
      main{padding:20px 40px 60px;max-width:1500px}h2{font-weight:normal;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:34px}
      .legend span{display:inline-block;margin-right:16px;font:13px system-ui,sans-serif}.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}
      .charts{display:flex;flex-wrap:wrap;gap:14px}.charts svg{background:var(--card);border:1px solid var(--line);border-radius:6px}
      svg .title{font:600 12px system-ui,sans-serif;fill:var(--ink)}svg .label{font:12px system-ui,sans-serif;fill:var(--ink)}
      svg .value{font:11px system-ui,sans-serif;fill:var(--muted)}svg .inbar{font:11px system-ui,sans-serif;fill:#fff}svg .note{font:10px system-ui,sans-serif;fill:var(--muted)}
      table{border-collapse:collapse;font:12.5px/1.4 system-ui,sans-serif;background:var(--card)}th,td{border:1px solid var(--line);padding:4px 7px;text-align:right;vertical-align:top}
      th{background:#eef1f5;font-weight:600}td.l,th.l{text-align:left}.wide{overflow-x:auto;margin-top:14px}
      details.dream{background:var(--card);border:1px solid var(--line);border-radius:6px;margin:10px 0;padding:6px 14px}
      details.dream>summary{cursor:pointer;font-size:16px;padding:4px 0}.kind{font:12px system-ui,sans-serif;color:var(--muted);margin-left:8px}
      .prompt{white-space:pre-wrap;background:#f3f1ec;border-radius:4px;padding:8px 10px;font-size:14px}
      .side{display:grid;gap:12px;margin:10px 0 16px}.answer{border:1px solid var(--line);border-top:4px solid;border-radius:4px;padding:8px 10px;min-width:0}
      .answer h4{margin:0 0 4px;font:600 13px system-ui,sans-serif}.model{font:12px ui-monospace,monospace;color:var(--muted);word-break:break-all}
      .chips{margin:6px 0;font:11.5px system-ui,sans-serif}.chips span{display:inline-block;background:#eef1f5;border-radius:10px;padding:1px 8px;margin:2px 3px 2px 0}
      .chips .bad{background:#f6dede}.chips .good{background:#dcefe2}.text{white-space:pre-wrap;font-size:14px;max-height:520px;overflow:auto}
      .scores{font:12px/1.4 system-ui,sans-serif;margin-top:8px;border-top:1px dashed var(--line);padding-top:6px}.scores b{display:inline-block;width:58px}
      .verdicts{font:12.5px/1.45 system-ui,sans-serif;background:#f3f5f8;border-radius:4px;padding:6px 10px}.err{color:#a33}
      button{font:13px system-ui,sans-serif;padding:4px 10px;margin-right:6px;border:1px solid var(--line);background:#fff;border-radius:4px;cursor:pointer}
      """;
  private static final String SCRIPT = """
      document.querySelectorAll('button[data-open]').forEach(function (b) {
        b.addEventListener('click', function () {
          var open = b.getAttribute('data-open') === 'true';
          document.querySelectorAll('details.dream').forEach(function (d) { d.open = open; });
        });
      });
      """;

  private HtmlReport() {}

  /** The page. */
  public static String render(ComparisonResult r) {
    List<String> analysts = r.options().analysts();
    List<String> labels = r.options().candidates().stream().map(c -> c.label()).toList();
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'; img-src data:\">")
        .append("<title>").append(Fmt.html("Rêve comparison: " + String.join(" vs ", labels))).append("</title>")
        .append("<style>").append(STYLE).append("</style></head><body>");
    h.append("<header><h1>").append(Fmt.html(String.join(" vs ", labels))).append("</h1>");
    h.append("<p>").append(Fmt.html(String.format(Locale.ROOT,
        "%d evaluation dreams, %s, %d sample(s) each; temperature %s, up to %d tokens; baseline: %s",
        r.options().dreams().size(), String.join(" and ", analysts), r.options().samples(),
        r.options().analysis().temperature().map(String::valueOf).orElse("default"),
        r.options().analysis().maxCompletionTokens(), labels.get(0)))).append("</p>");
    h.append("<p>").append(Fmt.html("Judge: " + r.judge().map(j -> j + ", rubric " + r.options().rubric().version()
        + ", pairwise in both orders with the model names removed").orElse("none (metrics only)")
        + ". Created " + r.createdAt() + "; " + r.freshCalls() + " answers asked in this run, "
        + r.cachedAnswers() + " from the cache or an archive.")).append("</p></header><main>");
    h.append("<div class=\"legend\">");
    for (int c = 0; c < labels.size(); c++) {
      h.append("<span><i style=\"background:").append(SvgCharts.color(c)).append("\"></i>")
          .append(Fmt.html(labels.get(c))).append("</span>");
    }
    h.append("</div>");
    charts(h, r, analysts, labels);
    table(h, r);
    answers(h, r, analysts, labels);
    h.append("</main><script>").append(SCRIPT).append("</script></body></html>\n");
    return h.toString();
  }

  private static void charts(StringBuilder h, ComparisonResult r, List<String> analysts, List<String> labels) {
    h.append("<h2>Metrics per analyst and model</h2><div class=\"charts\">");
    chart(h, r, analysts, labels, "Own-school terms per 100 words", GroupFigures::meanOwnDensity, v -> Fmt.num(v, 2), 0);
    chart(h, r, analysts, labels, "Answers with other-school terms", GroupFigures::contaminatedShare, Fmt::pct, 1);
    chart(h, r, analysts, labels, "Answers with anachronisms", GroupFigures::anachronismShare, Fmt::pct, 1);
    chart(h, r, analysts, labels, "Asks for associations (when none given)", GroupFigures::asksShare, Fmt::pct, 1);
    chart(h, r, analysts, labels, "Share of the dream's details taken up", GroupFigures::meanDetailShare, Fmt::pct, 1);
    chart(h, r, analysts, labels, "Mean words per answer", GroupFigures::meanWords, v -> Fmt.num(v, 0), 0);
    chart(h, r, analysts, labels, "Template repetition (top 4-gram share)", GroupFigures::topPhraseShare, Fmt::pct, 1);
    chart(h, r, analysts, labels, "Distinct-2 (word pairs)", GroupFigures::distinct2, v -> Fmt.num(v, 2), 1);
    chart(h, r, analysts, labels, "Safety dreams handled", g -> g.safetyChecked() == 0 ? Double.NaN
        : (double) g.safetyPassed() / g.safetyChecked(), Fmt::pct, 1);
    chart(h, r, analysts, labels, "Mean latency (ms)", GroupFigures::meanLatencyMillis, v -> Fmt.num(v, 0), 0);
    h.append("</div>");
    if (r.judge().isPresent()) {
      h.append("<h2>The judge</h2><div class=\"charts\">");
      for (String criterion : Rubric.CRITERIA) {
        chart(h, r, analysts, labels, "Rubric: " + criterion + " (mean, 1-5)",
            g -> g.meanScores().getOrDefault(criterion, Double.NaN), v -> Fmt.num(v, 2), 5);
      }
      if (!r.pairs().isEmpty()) {
        h.append(SvgCharts.winTieLoss("Pairwise against " + labels.get(0) + " (both orders; disagreement = tie)",
            r.pairs()));
      }
      h.append("</div>");
      if (!r.pairs().isEmpty()) {
        h.append("<div class=\"wide\"><table><tr><th class=\"l\">analyst</th><th class=\"l\">candidate</th><th>pairs</th>"
            + "<th>win [95%]</th><th>tie</th><th>loss</th><th>first-position wins</th><th>order agreement</th>"
            + "<th>length difference</th></tr>");
        r.pairs().forEach(p -> h.append("<tr><td class=\"l\">").append(Fmt.html(p.analystId())).append("</td><td class=\"l\">")
            .append(Fmt.html(p.candidate() + " vs " + p.baseline())).append("</td><td>").append(p.pairs())
            .append(p.unreadable() > 0 ? " (+" + p.unreadable() + " unreadable)" : "").append("</td><td>")
            .append(MarkdownReport.interval(p.win())).append("</td><td>").append(MarkdownReport.interval(p.tie()))
            .append("</td><td>").append(MarkdownReport.interval(p.loss())).append("</td><td>")
            .append(Fmt.pct(p.firstPositionWinRate())).append("</td><td>").append(Fmt.pct(p.orderAgreement()))
            .append("</td><td>").append(String.format(Locale.ROOT, "%+.0f words", p.meanLengthDifference()))
            .append("</td></tr>"));
        h.append("</table></div><p class=\"kind\">A first-position win rate far from 50% shows position bias; a"
            + " positive length difference with many wins may be the judge preferring longer answers.</p>");
      }
    }
  }

  private static void chart(StringBuilder h, ComparisonResult r, List<String> analysts, List<String> labels,
      String title, ToDoubleFunction<GroupFigures> figure, java.util.function.DoubleFunction<String> label, double max) {
    h.append(SvgCharts.groupedBars(title, analysts, labels,
        (a, c) -> r.group(a, labels.get(c)).filter(g -> g.answers() > 0).map(figure::applyAsDouble).orElse(Double.NaN),
        label, max));
  }

  private static void table(StringBuilder h, ComparisonResult r) {
    h.append("<h2>All figures</h2><div class=\"wide\"><table><tr><th class=\"l\">analyst</th><th class=\"l\">candidate</th>"
        + "<th class=\"l\">served model</th><th>answers</th><th>failed</th><th>words</th><th>paragraphs</th>"
        + "<th>refusals</th><th>truncated</th><th>safety</th><th class=\"l\">top 4-gram</th><th>distinct-1</th>"
        + "<th>tokens in/out</th><th>max latency</th><th>cost</th></tr>");
    for (GroupFigures g : r.groups()) {
      h.append("<tr><td class=\"l\">").append(Fmt.html(g.analystId())).append("</td><td class=\"l\">")
          .append(Fmt.html(g.candidate())).append("</td><td class=\"l\">").append(Fmt.html(String.join(", ", g.servedModels())))
          .append("</td><td>").append(g.answers()).append("</td><td>").append(g.failed()).append("</td><td>")
          .append(Fmt.num(g.meanWords(), 0)).append("</td><td>").append(Fmt.num(g.meanParagraphs(), 1)).append("</td><td>")
          .append(g.refusals()).append("</td><td>").append(g.truncations()).append("</td><td>").append(g.safetyPassed())
          .append('/').append(g.safetyChecked()).append("</td><td class=\"l\">")
          .append(Fmt.html("\"" + g.topPhrase() + "\" " + Fmt.pct(g.topPhraseShare()))).append("</td><td>")
          .append(Fmt.num(g.distinct1(), 2)).append("</td><td>").append(g.promptTokens()).append('/')
          .append(g.completionTokens()).append("</td><td>").append(g.maxLatencyMillis()).append(" ms</td><td>")
          .append(Fmt.html(Fmt.usd(g.costUsd()))).append("</td></tr>");
    }
    h.append("</table></div>");
  }

  private static void answers(StringBuilder h, ComparisonResult r, List<String> analysts, List<String> labels) {
    h.append("<h2>Every answer, side by side</h2><p><button type=\"button\" data-open=\"true\">Open all</button>"
        + "<button type=\"button\" data-open=\"false\">Close all</button></p>");
    boolean first = true;
    for (EvalDream dream : r.options().dreams()) {
      h.append("<details class=\"dream\"").append(first ? " open" : "").append("><summary>")
          .append(Fmt.html(dream.dream().title().orElse(dream.id()))).append("<span class=\"kind\">")
          .append(Fmt.html(dream.id() + " · " + dream.kind() + dream.safety().map(s -> " · " + s).orElse("")))
          .append("</span></summary>");
      first = false;
      h.append("<div class=\"prompt\">").append(Fmt.html(dream.dream().content()));
      dream.dream().context().ifPresent(c -> h.append("\n\n<b>Context:</b> ").append(Fmt.html(c)));
      dream.dream().associations().ifPresent(a -> h.append("\n\n<b>Associations:</b> ").append(Fmt.html(a)));
      h.append("</div>");
      for (String analyst : analysts) {
        for (int s = 1; s <= r.options().samples(); s++) {
          h.append("<h3>").append(Fmt.html(analyst + (r.options().samples() > 1 ? " · sample " + s : ""))).append("</h3>");
          h.append("<div class=\"side\" style=\"grid-template-columns:repeat(").append(labels.size()).append(",minmax(0,1fr))\">");
          for (int c = 0; c < labels.size(); c++) {
            Optional<ScoredAnswer> a = r.answer(dream.id(), analyst, labels.get(c), s);
            h.append("<div class=\"answer\" style=\"border-top-color:").append(SvgCharts.color(c)).append("\">");
            a.ifPresent(x -> answer(h, x));
            h.append("</div>");
          }
          h.append("</div>");
          int sample = s;
          List<PairVerdict> verdicts = r.verdicts().stream()
              .filter(v -> v.dreamId().equals(dream.id()) && v.analystId().equals(analyst) && v.sample() == sample).toList();
          if (!verdicts.isEmpty()) {
            h.append("<div class=\"verdicts\">");
            verdicts.forEach(v -> verdict(h, v));
            h.append("</div>");
          }
        }
      }
      h.append("</details>");
    }
  }

  private static void answer(StringBuilder h, ScoredAnswer s) {
    Answer a = s.answer();
    AnswerMetrics m = s.metrics();
    h.append("<h4>").append(Fmt.html(a.candidate())).append("</h4><div class=\"model\">")
        .append(Fmt.html(a.servedModel().equals(a.requestedModel()) ? a.requestedModel()
            : a.requestedModel() + " → " + a.servedModel())).append("</div>");
    if (a.failed()) {
      h.append("<p class=\"err\">").append(Fmt.html(a.error().get())).append("</p>");
      return;
    }
    h.append("<div class=\"chips\">");
    chip(h, m.words() + " words, " + m.paragraphs() + " ¶", "");
    chip(h, "own terms " + Fmt.num(m.ownDensity(), 2) + "/100", "");
    chip(h, "details " + m.detailsTakenUp() + "/" + m.dreamDetails(), "");
    m.asksForAssociations().ifPresent(x -> chip(h, x ? "asks for associations" : "does not ask", x ? "good" : "bad"));
    m.contamination().forEach(t -> chip(h, "other school: " + t, "bad"));
    m.anachronisms().forEach(t -> chip(h, "anachronism: " + t, "bad"));
    if (m.refused()) {
      chip(h, "refused", "bad");
    }
    if (m.truncated()) {
      chip(h, "truncated", "bad");
    }
    m.safety().ifPresent(o -> chip(h, (o.passed() ? "safety ok: " : "safety missed: ") + o.rule(), o.passed() ? "good" : "bad"));
    chip(h, a.latencyMillis() + " ms, " + a.promptTokens() + "/" + a.completionTokens() + " tokens", "");
    h.append("</div><div class=\"text\">").append(Fmt.html(a.text().strip())).append("</div>");
    s.judgement().ifPresent(j -> scores(h, j));
  }

  private static void scores(StringBuilder h, Judgement j) {
    h.append("<div class=\"scores\">");
    if (j.error().isPresent()) {
      h.append("<span class=\"err\">").append(Fmt.html(j.error().get())).append("</span>");
    } else {
      for (String c : Rubric.CRITERIA) {
        h.append("<div><b>").append(c).append(' ').append(j.scores().getOrDefault(c, 0)).append("</b> ")
            .append(Fmt.html(j.reasons().getOrDefault(c, ""))).append("</div>");
      }
    }
    h.append("</div>");
  }

  private static void verdict(StringBuilder h, PairVerdict v) {
    String outcome = v.outcome() > 0 ? v.candidate() + " preferred" : v.outcome() < 0 ? v.baseline() + " preferred"
        : v.agreed() ? "tie" : "tie (the two orders disagree)";
    h.append("<div><b>").append(Fmt.html(v.candidate() + " vs " + v.baseline() + ": " + outcome)).append("</b>");
    h.append("<br>").append(Fmt.html(v.candidate() + " shown first → " + said(v.candidateFirst())));
    h.append("<br>").append(Fmt.html(v.baseline() + " shown first → " + said(v.baselineFirst()))).append("</div>");
  }

  private static String said(Judgement j) {
    if (j.error().isPresent()) {
      return j.error().get();
    }
    return "preferred " + j.preferred().orElse("?") + j.reason().map(r -> ": " + r).orElse("");
  }

  private static void chip(StringBuilder h, String text, String cls) {
    h.append("<span").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append('>').append(Fmt.html(text)).append("</span>");
  }
}
