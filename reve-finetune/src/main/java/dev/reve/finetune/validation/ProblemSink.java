package dev.reve.finetune.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where every rule of one validation reports: counts all problems, keeps the whole-file ones and
 * the first {@code maxProblems} line problems, and lists them file-level first, then by line.
 */
final class ProblemSink {
  private final int maxProblems;
  private final List<Problem> fileLevel = new ArrayList<>();
  private final List<Problem> kept = new ArrayList<>();
  private long errors;
  private long warnings;

  ProblemSink(int maxProblems) {
    this.maxProblems = maxProblems;
  }

  void add(Problem problem) {
    if (problem.isError()) {
      errors++;
    } else {
      warnings++;
    }
    if (problem.line() == 0) {
      fileLevel.add(problem);
    } else if (kept.size() < maxProblems) {
      kept.add(problem);
    }
  }

  /** Adds a problem with the code's usual severity. */
  void add(long line, ProblemCode code, String message) {
    add(Problem.of(line, code, message));
  }

  long errors() {
    return errors;
  }

  long warnings() {
    return warnings;
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>(fileLevel);
    List<Problem> lines = new ArrayList<>(kept);
    lines.sort(Comparator.comparingLong(Problem::line));
    problems.addAll(lines);
    return problems;
  }
}
