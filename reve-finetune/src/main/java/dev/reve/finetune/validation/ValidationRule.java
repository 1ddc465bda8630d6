package dev.reve.finetune.validation;

/**
 * One check of the training-data validator. The rules see each line in turn, in a fixed order,
 * and report into one {@link ProblemSink}; one validation uses fresh rule instances.
 */
interface ValidationRule {
  /**
   * Checks one line.
   *
   * @return false when the later rules have nothing to look at on this line
   */
  boolean check(ExampleLine line, ProblemSink sink);

  /** Reports what only the whole file shows, after the last line. */
  default void finish(ProblemSink sink) {}
}
