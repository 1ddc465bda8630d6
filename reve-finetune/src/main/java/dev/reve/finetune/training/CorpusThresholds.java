package dev.reve.finetune.training;

/**
 * The thresholds of {@link CorpusReport}, with the project's targets as {@link #DEFAULT}.
 *
 * @param minExamples examples per analyst, at least
 * @param minAnswerWords every answer at least this many words
 * @param maxAnswerWords every answer at most this many words
 * @param maxPhraseShare the most common non-trivial 4-gram in at most this share of examples
 * @param minDensity every non-safety example at least this many own-school terms per 100 words
 * @param maxMeanDensity the analyst's mean density at most this
 * @param minMultiTurn examples with two or more answers, at least this share
 * @param minSafety safety examples, at least
 * @param maxSafety safety examples, at most
 * @param minContrast contrast examples, at least
 * @param maxContrast contrast examples, at most
 * @param minShortDreams dreams under 40 words, at least
 * @param maxShortDreams dreams under 40 words, at most
 * @param minLongDreams dreams over 200 words, at least
 * @param maxLongDreams dreams over 200 words, at most
 */
public record CorpusThresholds(
    int minExamples, int minAnswerWords, int maxAnswerWords, double maxPhraseShare, double minDensity,
    double maxMeanDensity, double minMultiTurn, double minSafety, double maxSafety, double minContrast,
    double maxContrast, double minShortDreams, double maxShortDreams, double minLongDreams,
    double maxLongDreams) {

  /**
   * 150 examples; answers of 100-700 words; phrase share 15%; density 1.0 per example and a mean
   * of 1.0-4.0; multi-turn 25%; safety 10-15%; contrast 5-10%; short dreams 10-20% (target
   * about 15%); long dreams 5-15% (target about 10%).
   */
  public static final CorpusThresholds DEFAULT =
      new CorpusThresholds(150, 100, 700, 0.15, 1.0, 4.0, 0.25, 0.10, 0.15, 0.05, 0.10, 0.10, 0.20, 0.05, 0.15);
}
