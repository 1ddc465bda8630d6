package dev.reve.finetune.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Thrown by {@link ValidationReport#requireValid()}: the file has errors and must not be uploaded. */
public class InvalidTrainingFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** How many errors the message lists. */
  public static final int LISTED = 10;

  private final transient ValidationReport report;

  /** An exception for a report with errors. */
  public InvalidTrainingFileException(ValidationReport report) {
    super(message(Objects.requireNonNull(report, "report")));
    this.report = report;
  }

  /** The full report. */
  public ValidationReport report() {
    return report;
  }

  /** The file that failed. */
  public Path file() {
    return report.file();
  }

  private static String message(ValidationReport report) {
    List<Problem> errors = report.errors();
    StringBuilder text =
        new StringBuilder()
            .append(report.file())
            .append(" has ")
            .append(report.errorCount())
            .append(report.errorCount() == 1 ? " error" : " errors")
            .append(" and must not be uploaded; fix these and validate again:");
    errors.stream().limit(LISTED).forEach(p -> text.append("\n  ").append(p));
    long more = report.errorCount() - Math.min(LISTED, errors.size());
    if (more > 0) {
      text.append("\n  ... and ").append(more).append(" more");
    }
    return text.toString();
  }
}
