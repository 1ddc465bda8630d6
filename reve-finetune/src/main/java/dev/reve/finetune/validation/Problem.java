package dev.reve.finetune.validation;

import java.util.Objects;

/**
 * One finding of the validator.
 *
 * @param line the 1-based line of the training file, or 0 for the whole file
 * @param severity whether it blocks the upload
 * @param code the stable rule identifier
 * @param message what is wrong and how to fix it
 */
public record Problem(long line, Severity severity, ProblemCode code, String message) {

  /** Requires every field and a non-negative line. */
  public Problem {
    if (line < 0) {
      throw new IllegalArgumentException("line must be 0 (whole file) or a 1-based line number");
    }
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** A problem with the code's usual severity. */
  public static Problem of(long line, ProblemCode code, String message) {
    return new Problem(line, code.severity(), code, message);
  }

  /** True for {@link Severity#ERROR}. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code line 12: ERROR BAD_ROLE: message}, or {@code file: ...} for line 0. */
  @Override
  public String toString() {
    return (line == 0 ? "file" : "line " + line) + ": " + severity + " " + code + ": " + message;
  }
}
