package dev.reve.finetune.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of validating a training file: problems by line, token counts and the cost estimate.
 * Call {@link #requireValid()} before any upload.
 *
 * @param file the file that was validated
 * @param baseModel the model the limits and the price are for
 * @param epochs the epochs of the job
 * @param examples the non-blank lines, each meant as one example
 * @param problems the problems found, in line order within each pass (at most the options'
 *     {@code maxProblems})
 * @param errorCount all errors, including those not kept in {@code problems}
 * @param warningCount all warnings, including those not kept in {@code problems}
 * @param tokens token counts of the examples that could be read
 * @param cost the training cost; empty when the model's price is unknown
 */
public record ValidationReport(
    Path file,
    String baseModel,
    Epochs epochs,
    long examples,
    List<Problem> problems,
    long errorCount,
    long warningCount,
    TokenStats tokens,
    Optional<CostEstimate> cost) {

  /** How many problems {@link #summary()} lists. */
  public static final int SUMMARY_PROBLEMS = 20;

  /** Copies the list and requires the fields. */
  public ValidationReport {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(baseModel, "baseModel");
    Objects.requireNonNull(epochs, "epochs");
    problems = List.copyOf(problems);
    Objects.requireNonNull(tokens, "tokens");
    cost = cost == null ? Optional.empty() : cost;
  }

  /** True when the file must not be uploaded. */
  public boolean hasErrors() {
    return errorCount > 0;
  }

  /** The kept errors. */
  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  /** The kept warnings. */
  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  /** The kept problems with this code. */
  public List<Problem> problems(ProblemCode code) {
    return problems.stream().filter(p -> p.code() == code).toList();
  }

  /** Problems found but not kept (beyond the options' {@code maxProblems}). */
  public long omittedProblems() {
    return errorCount + warningCount - problems.size();
  }

  /**
   * Returns this report when it has no errors.
   *
   * @throws InvalidTrainingFileException listing the first errors with their line numbers
   */
  public ValidationReport requireValid() {
    if (hasErrors()) {
      throw new InvalidTrainingFileException(this);
    }
    return this;
  }

  /** A few lines for a person: verdict, tokens, cost, then the first problems. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append(file)
        .append(": ")
        .append(examples)
        .append(examples == 1 ? " example, " : " examples, ")
        .append(errorCount)
        .append(errorCount == 1 ? " error, " : " errors, ")
        .append(warningCount)
        .append(warningCount == 1 ? " warning" : " warnings")
        .append(hasErrors() ? " - NOT ready to upload" : " - ready to upload")
        .append('\n');
    text.append("tokens: ")
        .append(fmt(tokens.total()))
        .append(" total (o200k_base, chat framing), largest example ")
        .append(fmt(tokens.max()));
    if (tokens.maxLine() > 0) {
      text.append(" (line ").append(tokens.maxLine()).append(')');
    }
    text.append(", mean ")
        .append(String.format(Locale.ROOT, "%,.0f", tokens.mean()))
        .append(", limit ")
        .append(fmt(tokens.limit()))
        .append(" per example\n");
    text.append("cost: ")
        .append(cost.map(CostEstimate::summary)
            .orElse("unknown: no training price for " + baseModel + " in the price table"))
        .append('\n');
    problems.stream().limit(SUMMARY_PROBLEMS).forEach(p -> text.append("  ").append(p).append('\n'));
    long more = errorCount + warningCount - Math.min(SUMMARY_PROBLEMS, problems.size());
    if (more > 0) {
      text.append("  ... and ").append(more).append(" more\n");
    }
    return text.toString();
  }

  private static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
