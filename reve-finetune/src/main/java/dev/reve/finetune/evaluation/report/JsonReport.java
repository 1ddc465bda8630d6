package dev.reve.finetune.evaluation.report;

import dev.reve.finetune.evaluation.Answer;
import dev.reve.finetune.evaluation.AnswerMetrics;
import dev.reve.finetune.evaluation.Candidate;
import dev.reve.finetune.evaluation.ComparisonResult;
import dev.reve.finetune.evaluation.GroupFigures;
import dev.reve.finetune.evaluation.Interval;
import dev.reve.finetune.evaluation.Judgement;
import dev.reve.finetune.evaluation.PairFigures;
import dev.reve.finetune.evaluation.PairVerdict;
import dev.reve.finetune.evaluation.ScoredAnswer;
import dev.reve.openai.spi.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every figure of a comparison as one JSON document ({@value #FORMAT}). */
public final class JsonReport {
  /** The format tag of the document. */
  public static final String FORMAT = "reve-comparison-1";

  private JsonReport() {}

  /** The document as indented JSON. */
  public static String render(ComparisonResult result) {
    return Json.MAP.indent("  ").toJson(document(result));
  }

  /** The document as maps and lists. */
  public static Map<String, Object> document(ComparisonResult r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("created_at", r.createdAt());
    doc.put("settings", settings(r));
    doc.put("fresh_calls", r.freshCalls());
    doc.put("cached_answers", r.cachedAnswers());
    List<Object> groups = new ArrayList<>();
    r.groups().forEach(g -> groups.add(group(g)));
    doc.put("groups", groups);
    List<Object> pairs = new ArrayList<>();
    r.pairs().forEach(p -> pairs.add(pair(p)));
    doc.put("pairwise", pairs);
    List<Object> answers = new ArrayList<>();
    r.answers().forEach(a -> answers.add(answer(a)));
    doc.put("answers", answers);
    List<Object> verdicts = new ArrayList<>();
    r.verdicts().forEach(v -> verdicts.add(verdict(v)));
    doc.put("verdicts", verdicts);
    return doc;
  }

  static Map<String, Object> settings(ComparisonResult r) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("analysts", r.options().analysts());
    List<Object> candidates = new ArrayList<>();
    for (Candidate c : r.options().candidates()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", c.label());
      Map<String, Object> models = new LinkedHashMap<>();
      if (c.archive().isEmpty()) {
        r.options().analysts().forEach(a -> models.put(a, c.modelFor(a)));
      }
      m.put("models", models);
      c.archive().ifPresent(p -> m.put("archive", p.getFileName().toString()));
      candidates.add(m);
    }
    s.put("candidates", candidates);
    s.put("baseline", r.options().candidates().get(0).label());
    s.put("dreams", r.options().dreams().size());
    s.put("samples", r.options().samples());
    s.put("concurrency", r.options().concurrency());
    s.put("temperature", r.options().analysis().temperature().orElse(null));
    s.put("max_completion_tokens", r.options().analysis().maxCompletionTokens());
    s.put("seed", r.options().analysis().seed().orElse(null));
    s.put("judge", r.judge().orElse(null));
    s.put("rubric", r.judge().isPresent() ? r.options().rubric().version() : null);
    s.put("bootstrap_resamples", r.options().bootstrapResamples());
    s.put("bootstrap_seed", r.options().seed());
    return s;
  }

  static Map<String, Object> group(GroupFigures g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analyst", g.analystId());
    m.put("candidate", g.candidate());
    m.put("served_models", g.servedModels());
    m.put("answers", g.answers());
    m.put("failed", g.failed());
    m.put("mean_words", Fmt.round(g.meanWords(), 1));
    m.put("mean_paragraphs", Fmt.round(g.meanParagraphs(), 2));
    m.put("own_school_per_100_words", Fmt.round(g.meanOwnDensity(), 3));
    m.put("contaminated_share", Fmt.round(g.contaminatedShare(), 4));
    m.put("anachronism_share", Fmt.round(g.anachronismShare(), 4));
    m.put("asks_for_associations_share", Fmt.round(g.asksShare(), 4));
    m.put("dream_details_share", Fmt.round(g.meanDetailShare(), 4));
    m.put("refusals", g.refusals());
    m.put("truncations", g.truncations());
    m.put("safety_passed", g.safetyPassed());
    m.put("safety_checked", g.safetyChecked());
    m.put("top_phrase", g.topPhrase());
    m.put("top_phrase_share", Fmt.round(g.topPhraseShare(), 4));
    m.put("distinct_1", Fmt.round(g.distinct1(), 4));
    m.put("distinct_2", Fmt.round(g.distinct2(), 4));
    m.put("mean_latency_ms", Fmt.round(g.meanLatencyMillis(), 1));
    m.put("max_latency_ms", g.maxLatencyMillis());
    m.put("prompt_tokens", g.promptTokens());
    m.put("completion_tokens", g.completionTokens());
    m.put("cost_usd", g.costUsd().map(c -> c.doubleValue()).orElse(null));
    Map<String, Object> scores = new LinkedHashMap<>();
    g.meanScores().forEach((k, v) -> scores.put(k, Fmt.round(v, 3)));
    m.put("judge_mean_scores", scores);
    return m;
  }

  static Map<String, Object> pair(PairFigures p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analyst", p.analystId());
    m.put("baseline", p.baseline());
    m.put("candidate", p.candidate());
    m.put("pairs", p.pairs());
    m.put("unreadable", p.unreadable());
    m.put("win", interval(p.win()));
    m.put("tie", interval(p.tie()));
    m.put("loss", interval(p.loss()));
    m.put("first_position_win_rate", Fmt.round(p.firstPositionWinRate(), 4));
    m.put("order_agreement", Fmt.round(p.orderAgreement(), 4));
    m.put("mean_length_difference_words", Fmt.round(p.meanLengthDifference(), 1));
    return m;
  }

  private static Map<String, Object> interval(Interval i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("share", Fmt.round(i.value(), 4));
    m.put("low", Fmt.round(i.low(), 4));
    m.put("high", Fmt.round(i.high(), 4));
    return m;
  }

  static Map<String, Object> answer(ScoredAnswer s) {
    Answer a = s.answer();
    AnswerMetrics x = s.metrics();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dream", a.dreamId());
    m.put("analyst", a.analystId());
    m.put("candidate", a.candidate());
    m.put("sample", a.sample());
    m.put("requested_model", a.requestedModel());
    m.put("served_model", a.servedModel());
    m.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("error", a.error().orElse(null));
    m.put("words", x.words());
    m.put("paragraphs", x.paragraphs());
    m.put("own_school_per_100_words", Fmt.round(x.ownDensity(), 3));
    m.put("contamination", x.contamination());
    m.put("anachronisms", x.anachronisms());
    m.put("asks_for_associations", x.asksForAssociations().orElse(null));
    m.put("details_taken_up", x.detailsTakenUp());
    m.put("dream_details", x.dreamDetails());
    m.put("refused", x.refused());
    m.put("truncated", x.truncated());
    m.put("safety_passed", x.safety().map(o -> o.passed()).orElse(null));
    m.put("safety_rule", x.safety().map(o -> o.rule()).orElse(null));
    m.put("latency_ms", a.latencyMillis());
    m.put("prompt_tokens", a.promptTokens());
    m.put("completion_tokens", a.completionTokens());
    m.put("cost_usd", s.costUsd().map(c -> c.doubleValue()).orElse(null));
    m.put("price_tier", a.tier().name().toLowerCase(java.util.Locale.ROOT));
    s.judgement().ifPresent(j -> m.put("judge", judgement(j)));
    m.put("text", a.text());
    return m;
  }

  static Map<String, Object> judgement(Judgement j) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (j.error().isPresent()) {
      m.put("error", j.error().get());
      return m;
    }
    if (!j.scores().isEmpty()) {
      m.put("scores", new LinkedHashMap<>(j.scores()));
      m.put("reasons", new LinkedHashMap<>(j.reasons()));
    }
    j.preferred().ifPresent(p -> m.put("preferred", p));
    j.reason().ifPresent(p -> m.put("reason", p));
    return m;
  }

  static Map<String, Object> verdict(PairVerdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dream", v.dreamId());
    m.put("analyst", v.analystId());
    m.put("sample", v.sample());
    m.put("baseline", v.baseline());
    m.put("candidate", v.candidate());
    m.put("outcome", v.outcome() > 0 ? "win" : v.outcome() < 0 ? "loss" : "tie");
    m.put("orders_agree", v.agreed());
    m.put("candidate_shown_first", judgement(v.candidateFirst()));
    m.put("baseline_shown_first", judgement(v.baselineFirst()));
    m.put("length_difference_words", v.lengthDifference());
    return m;
  }
}
