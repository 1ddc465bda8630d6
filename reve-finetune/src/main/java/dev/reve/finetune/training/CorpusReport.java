package dev.reve.finetune.training;

import dev.reve.finetune.fidelity.SchoolLexicon;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data checks of the training sources, with the thresholds the committed data must meet
 * ({@link CorpusThresholds}). An <em>answer</em> is one analyst turn; an <em>example</em> is one
 * analyst's whole conversation on one dream. Words are the lowercase tokens {@code [a-z']+}.
 *
 * <ul>
 *   <li>Length: every answer has {@link CorpusThresholds#minAnswerWords} to {@link
 *       CorpusThresholds#maxAnswerWords} words.
 *   <li>Stock phrases: the share of one analyst's examples that contain that analyst's most
 *       common non-trivial 4-gram (a 4-gram of words inside one answer; trivial when all four
 *       words are in {@link #FUNCTION_WORDS}), at most {@link CorpusThresholds#maxPhraseShare}.
 *   <li>Own-school density: the analyst's own lexicon terms ({@link SchoolLexicon#ownTerms}) per
 *       100 words of an example; every example at least {@link CorpusThresholds#minDensity}, the
 *       analyst's mean between that and {@link CorpusThresholds#maxMeanDensity}. Examples of
 *       {@code kind: safety} are exempt: a crisis answer is not the place for doctrine.
 *   <li>Shares of the examples: multi-turn (two or more answers), safety, contrast; of the
 *       dreams: under 40 words and over 200 words.
 * </ul>
 *
 * @param analysts the figures per analyst, by id
 * @param dreams how many dreams (sources)
 * @param shortDreams dreams under 40 words
 * @param longDreams dreams over 200 words
 * @param failures every figure outside its threshold, in words; empty when the data passes
 */
public record CorpusReport(
    Map<String, AnalystFigures> analysts, int dreams, int shortDreams, int longDreams, List<String> failures) {

  /**
   * English function words (articles, pronouns, prepositions, auxiliaries, conjunctions and a
   * few particles): a 4-gram made only of these ("it is in the") is common English, not a stock
   * phrase.
   */
  public static final Set<String> FUNCTION_WORDS = Set.of(
      "a", "an", "the", "this", "that", "these", "those",
      "i", "me", "my", "mine", "you", "your", "yours", "he", "him", "his", "she", "her", "hers",
      "it", "its", "we", "us", "our", "they", "them", "their", "one", "oneself", "myself",
      "yourself", "himself", "herself", "itself", "themselves", "who", "whom", "whose", "which", "what",
      "of", "in", "on", "at", "to", "for", "with", "by", "from", "into", "onto", "about", "as",
      "through", "over", "under", "after", "before", "between", "against", "without", "within",
      "up", "down", "out", "off", "upon", "than",
      "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has",
      "had", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
      "and", "or", "but", "nor", "so", "if", "because", "when", "while", "though", "although",
      "not", "no", "there", "here", "then", "i'm", "it's", "that's", "don't", "i'd", "i'll");

  private static final Pattern WORD = Pattern.compile("[a-z']+");

  /** Copies the collections. */
  public CorpusReport {
    analysts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(analysts));
    failures = List.copyOf(failures);
  }

  /**
   * Measures the sources.
   *
   * @param analystIds the analysts to measure, such as {@code jung} and {@code freud}
   */
  public static CorpusReport of(
      List<TrainingSource> sources, List<String> analystIds, SchoolLexicon lexicon, CorpusThresholds t) {
    Objects.requireNonNull(sources, "sources");
    List<String> failures = new ArrayList<>();
    Map<String, AnalystFigures> figures = new LinkedHashMap<>();
    for (String id : analystIds) {
      AnalystFigures f = AnalystFigures.measure(id, sources, lexicon, t);
      figures.put(id, f);
      f.failures(t).forEach(failure -> failures.add(id + ": " + failure));
    }
    int shortDreams = 0;
    int longDreams = 0;
    for (TrainingSource s : sources) {
      int n = words(s.dreamText()).size();
      shortDreams += n < 40 ? 1 : 0;
      longDreams += n > 200 ? 1 : 0;
    }
    share(failures, "dreams under 40 words", shortDreams, sources.size(), t.minShortDreams(), t.maxShortDreams());
    share(failures, "dreams over 200 words", longDreams, sources.size(), t.minLongDreams(), t.maxLongDreams());
    return new CorpusReport(figures, sources.size(), shortDreams, longDreams, failures);
  }

  /** Whether every figure is within its threshold. */
  public boolean passes() {
    return failures.isEmpty();
  }

  /** The figures as lines of text, and the failures. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%d dreams: %s under 40 words, %s over 200 words%n", dreams,
        pct(shortDreams, dreams), pct(longDreams, dreams)));
    analysts.values().forEach(f -> out.append(f.summary()).append('\n'));
    out.append(failures.isEmpty() ? "all data checks pass\n" : "FAILED:\n  " + String.join("\n  ", failures) + "\n");
    return out.toString();
  }

  /** The lowercase word tokens of a text. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /**
   * The distinct non-trivial 4-grams of one answer's words ({@link #words}): the candidates for a
   * stock phrase, a 4-gram being trivial when all four words are in {@link #FUNCTION_WORDS}.
   */
  public static Set<String> stockPhraseCandidates(List<String> words) {
    Set<String> grams = new HashSet<>();
    for (int k = 0; k + 4 <= words.size(); k++) {
      List<String> gram = words.subList(k, k + 4);
      if (!FUNCTION_WORDS.containsAll(gram)) {
        grams.add(String.join(" ", gram));
      }
    }
    return grams;
  }

  static String pct(int part, int whole) {
    return String.format(Locale.ROOT, "%d (%.1f%%)", part, whole == 0 ? 0.0 : 100.0 * part / whole);
  }

  static void share(List<String> failures, String what, int part, int whole, double min, double max) {
    double share = whole == 0 ? 0 : (double) part / whole;
    if (share < min - 1e-9 || share > max + 1e-9) {
      failures.add(String.format(Locale.ROOT, "%s: %s, outside %.0f%%-%.0f%%", what, pct(part, whole),
          100 * min, 100 * max));
    }
  }

  /**
   * One analyst's figures.
   *
   * @param analystId the analyst
   * @param examples examples (dreams with a section for the analyst)
   * @param answers answers (turns of the analyst)
   * @param minWords the shortest answer in words
   * @param maxWords the longest answer in words
   * @param lengthOutliers answers outside the length range, as {@code id#turn (words)}
   * @param topPhrase the most common non-trivial 4-gram
   * @param topPhraseExamples examples containing it
   * @param meanDensity mean own-school terms per 100 words over non-safety examples
   * @param lowDensity non-safety examples under the minimum density, as {@code id (density)}
   * @param multiTurn examples with two or more answers
   * @param safety examples of {@code kind: safety}
   * @param contrast examples whose source names this analyst in {@code contrast}
   */
  public record AnalystFigures(
      String analystId, int examples, int answers, int minWords, int maxWords, List<String> lengthOutliers,
      String topPhrase, int topPhraseExamples, double meanDensity, List<String> lowDensity,
      int multiTurn, int safety, int contrast) {

    /** Copies the lists. */
    public AnalystFigures {
      lengthOutliers = List.copyOf(lengthOutliers);
      lowDensity = List.copyOf(lowDensity);
    }

    static AnalystFigures measure(String id, List<TrainingSource> sources, SchoolLexicon lexicon, CorpusThresholds t) {
      int examples = 0;
      int answers = 0;
      int min = Integer.MAX_VALUE;
      int max = 0;
      List<String> outliers = new ArrayList<>();
      Map<String, Integer> phraseExamples = new HashMap<>();
      double densitySum = 0;
      int densityCount = 0;
      List<String> low = new ArrayList<>();
      int multi = 0;
      int safety = 0;
      int contrast = 0;
      for (TrainingSource s : sources) {
        List<String> list = s.answers(id);
        if (list.isEmpty()) {
          continue;
        }
        examples++;
        multi += list.size() >= 2 ? 1 : 0;
        boolean isSafety = s.kind() == TrainingSource.Kind.SAFETY;
        safety += isSafety ? 1 : 0;
        contrast += s.contrast().contains(id) ? 1 : 0;
        Set<String> grams = new HashSet<>();
        int words = 0;
        int terms = 0;
        for (int i = 0; i < list.size(); i++) {
          List<String> w = words(list.get(i));
          answers++;
          words += w.size();
          min = Math.min(min, w.size());
          max = Math.max(max, w.size());
          if (w.size() < t.minAnswerWords() || w.size() > t.maxAnswerWords()) {
            outliers.add(s.id() + "#" + (i + 1) + " (" + w.size() + ")");
          }
          grams.addAll(stockPhraseCandidates(w));
        }
        grams.forEach(g -> phraseExamples.merge(g, 1, Integer::sum));
        if (!isSafety && lexicon.schoolFor(id).isPresent()) {
          for (String answer : list) {
            terms += lexicon.ownTerms(lexicon.schoolFor(id).get(), answer).size();
          }
          double density = words == 0 ? 0 : 100.0 * terms / words;
          densitySum += density;
          densityCount++;
          if (density < t.minDensity()) {
            low.add(String.format(Locale.ROOT, "%s (%.2f)", s.id(), density));
          }
        }
      }
      Map.Entry<String, Integer> top = phraseExamples.entrySet().stream()
          .max(Map.Entry.<String, Integer>comparingByValue()
              .thenComparing(Map.Entry.<String, Integer>comparingByKey().reversed()))
          .orElse(Map.entry("-", 0));
      return new AnalystFigures(id, examples, answers, answers == 0 ? 0 : min, max, outliers, top.getKey(),
          top.getValue(), densityCount == 0 ? 0 : densitySum / densityCount, low, multi, safety, contrast);
    }

    List<String> failures(CorpusThresholds t) {
      List<String> out = new ArrayList<>();
      if (examples < t.minExamples()) {
        out.add(examples + " examples, fewer than " + t.minExamples());
      }
      if (!lengthOutliers.isEmpty()) {
        out.add(lengthOutliers.size() + " answers outside " + t.minAnswerWords() + "-" + t.maxAnswerWords()
            + " words: " + String.join(", ", lengthOutliers));
      }
      if (examples > 0 && (double) topPhraseExamples / examples > t.maxPhraseShare() + 1e-9) {
        out.add(String.format(Locale.ROOT, "the phrase \"%s\" is in %s of the examples, over %.0f%%",
            topPhrase, pct(topPhraseExamples, examples), 100 * t.maxPhraseShare()));
      }
      if (!lowDensity.isEmpty()) {
        out.add(lowDensity.size() + " non-safety examples under " + t.minDensity()
            + " own-school terms per 100 words: " + String.join(", ", lowDensity));
      }
      if (meanDensity < t.minDensity() || meanDensity > t.maxMeanDensity()) {
        out.add(String.format(Locale.ROOT, "mean own-school density %.2f per 100 words, outside %.1f-%.1f",
            meanDensity, t.minDensity(), t.maxMeanDensity()));
      }
      if (examples > 0 && (double) multiTurn / examples < t.minMultiTurn() - 1e-9) {
        out.add(String.format(Locale.ROOT, "multi-turn examples %s, under %.0f%%", pct(multiTurn, examples),
            100 * t.minMultiTurn()));
      }
      share(out, "safety examples", safety, examples, t.minSafety(), t.maxSafety());
      share(out, "contrast examples", contrast, examples, t.minContrast(), t.maxContrast());
      return out;
    }

    String summary() {
      return String.format(Locale.ROOT,
          "%s: %d examples, %d answers; answer length %d-%d words (%d outside); top 4-gram \"%s\" in %s;"
              + " own-school density mean %.2f per 100 words (%d non-safety examples under the minimum);"
              + " multi-turn %s, safety %s, contrast %s",
          analystId, examples, answers, minWords, maxWords, lengthOutliers.size(), topPhrase,
          pct(topPhraseExamples, examples), meanDensity, lowDensity.size(), pct(multiTurn, examples),
          pct(safety, examples), pct(contrast, examples));
    }
  }
}
