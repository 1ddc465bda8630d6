package dev.reve.finetune.evaluation;

import dev.reve.finetune.training.CorpusReport;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The figures of one analyst's answers from one candidate, over every dream and sample.
 *
 * @param analystId the analyst
 * @param candidate the candidate's label
 * @param servedModels the model ids the server reported, sorted
 * @param answers answers received (failed calls excluded)
 * @param failed calls that failed
 * @param meanWords mean words per answer
 * @param meanParagraphs mean paragraphs per answer
 * @param meanOwnDensity mean own-school terms per 100 words, over non-safety dreams
 * @param contaminatedShare the share of answers using at least one of the other school's terms
 * @param anachronismShare the share of answers using at least one term neither school should use
 * @param asksShare the share of answers to dreams without associations that ask for them
 * @param meanDetailShare the mean share of a dream's details the answer takes up
 * @param refusals answers that refused
 * @param truncations answers cut off at the token limit
 * @param safetyPassed safety dreams handled as {@link SafetyCheck} requires
 * @param safetyChecked safety dreams answered
 * @param topPhrase the most common non-trivial 4-gram across the answers
 * @param topPhraseShare the share of answers containing it (template repetition)
 * @param distinct1 distinct words / all words, across the answers
 * @param distinct2 distinct word pairs / all word pairs, across the answers
 * @param meanLatencyMillis mean call latency
 * @param maxLatencyMillis slowest call
 * @param promptTokens input tokens, summed
 * @param completionTokens output tokens, summed
 * @param costUsd the summed cost, when every answer's price is known
 * @param meanScores criterion → the judge's mean rubric score; empty without a judge
 */
public record GroupFigures(
    String analystId, String candidate, List<String> servedModels, int answers, int failed,
    double meanWords, double meanParagraphs, double meanOwnDensity,
    double contaminatedShare, double anachronismShare, double asksShare, double meanDetailShare,
    int refusals, int truncations, int safetyPassed, int safetyChecked,
    String topPhrase, double topPhraseShare, double distinct1, double distinct2,
    double meanLatencyMillis, long maxLatencyMillis, long promptTokens, long completionTokens,
    Optional<BigDecimal> costUsd, Map<String, Double> meanScores) {

  /** Copies the collections. */
  public GroupFigures {
    servedModels = List.copyOf(servedModels);
    costUsd = costUsd == null ? Optional.empty() : costUsd;
    meanScores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meanScores));
  }

  static GroupFigures of(String analystId, String candidate, List<ScoredAnswer> all, Map<String, EvalDream> dreams) {
    List<ScoredAnswer> ok = all.stream().filter(s -> !s.answer().failed()).toList();
    int n = ok.size();
    Set<String> served = new TreeSet<>();
    double words = 0;
    double paragraphs = 0;
    double density = 0;
    int densityCount = 0;
    int contaminated = 0;
    int anachronistic = 0;
    int asks = 0;
    int askable = 0;
    double details = 0;
    int refusals = 0;
    int truncations = 0;
    int safetyPassed = 0;
    int safetyChecked = 0;
    long latency = 0;
    long maxLatency = 0;
    long in = 0;
    long out = 0;
    BigDecimal cost = BigDecimal.ZERO;
    boolean costKnown = true;
    Map<String, Integer> phraseAnswers = new HashMap<>();
    Set<String> unigrams = new HashSet<>();
    Set<String> bigrams = new HashSet<>();
    long unigramCount = 0;
    long bigramCount = 0;
    Map<String, double[]> scores = new LinkedHashMap<>();
    for (ScoredAnswer s : ok) {
      Answer a = s.answer();
      AnswerMetrics m = s.metrics();
      served.add(a.servedModel());
      words += m.words();
      paragraphs += m.paragraphs();
      EvalDream dream = dreams.get(a.dreamId());
      if (dream != null && dream.safety().isEmpty()) {
        density += m.ownDensity();
        densityCount++;
      }
      contaminated += m.contamination().isEmpty() ? 0 : 1;
      anachronistic += m.anachronisms().isEmpty() ? 0 : 1;
      if (m.asksForAssociations().isPresent()) {
        askable++;
        asks += m.asksForAssociations().get() ? 1 : 0;
      }
      details += m.detailShare();
      refusals += m.refused() ? 1 : 0;
      truncations += m.truncated() ? 1 : 0;
      if (m.safety().isPresent()) {
        safetyChecked++;
        safetyPassed += m.safety().get().passed() ? 1 : 0;
      }
      latency += a.latencyMillis();
      maxLatency = Math.max(maxLatency, a.latencyMillis());
      in += a.promptTokens();
      out += a.completionTokens();
      if (s.costUsd().isPresent()) {
        cost = cost.add(s.costUsd().get());
      } else {
        costKnown = false;
      }
      List<String> w = CorpusReport.words(a.text());
      CorpusReport.stockPhraseCandidates(w).forEach(g -> phraseAnswers.merge(g, 1, Integer::sum));
      for (int i = 0; i < w.size(); i++) {
        unigrams.add(w.get(i));
        unigramCount++;
        if (i + 1 < w.size()) {
          bigrams.add(w.get(i) + " " + w.get(i + 1));
          bigramCount++;
        }
      }
      s.judgement().ifPresent(j -> j.scores().forEach((c, v) -> {
        double[] acc = scores.computeIfAbsent(c, k -> new double[2]);
        acc[0] += v;
        acc[1]++;
      }));
    }
    Map.Entry<String, Integer> top = phraseAnswers.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue()
            .thenComparing(Map.Entry.<String, Integer>comparingByKey().reversed()))
        .orElse(Map.entry("-", 0));
    Map<String, Double> meanScores = new LinkedHashMap<>();
    for (String c : Rubric.CRITERIA) {
      double[] acc = scores.get(c);
      if (acc != null && acc[1] > 0) {
        meanScores.put(c, acc[0] / acc[1]);
      }
    }
    return new GroupFigures(analystId, candidate, List.copyOf(served), n, all.size() - n,
        mean(words, n), mean(paragraphs, n), mean(density, densityCount),
        mean(contaminated, n), mean(anachronistic, n), mean(asks, askable), mean(details, n),
        refusals, truncations, safetyPassed, safetyChecked, top.getKey(), mean(top.getValue(), n),
        mean(unigrams.size(), unigramCount), mean(bigrams.size(), bigramCount),
        mean(latency, n), maxLatency, in, out, costKnown && n > 0 ? Optional.of(cost) : Optional.empty(), meanScores);
  }

  private static double mean(double sum, double count) {
    return count == 0 ? 0 : sum / count;
  }
}
