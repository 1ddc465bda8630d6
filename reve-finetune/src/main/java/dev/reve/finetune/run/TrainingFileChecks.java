package dev.reve.finetune.run;

import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.finetune.validation.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Objects;

/** Ready-made {@link TrainingFileCheck}s. */
public final class TrainingFileChecks {
  private TrainingFileChecks() {}

  /** Accepts every readable, non-empty file; for data checked elsewhere. */
  public static TrainingFileCheck none() {
    return file -> {
      try {
        long size = Files.size(file);
        return size > 0
            ? TrainingFileCheck.Result.passed(file.getFileName() + ": " + size + " bytes (not checked)")
            : TrainingFileCheck.Result.failed(file.getFileName() + " is empty");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
      }
    };
  }

  /**
   * The training-data validator with {@code options}: a file passes when the report has no
   * errors (warnings pass), and the summary is the report's (counts, tokens, cost, first problems).
   */
  public static TrainingFileCheck validator(ValidationOptions options) {
    return validator(new TrainingDataValidator(), options);
  }

  /** {@link #validator(ValidationOptions)} with a given validator (for example another lexicon). */
  public static TrainingFileCheck validator(TrainingDataValidator validator, ValidationOptions options) {
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(options, "options");
    return file -> {
      ValidationReport report = validator.validate(file, options);
      String summary = report.summary().strip();
      return report.hasErrors()
          ? TrainingFileCheck.Result.failed(summary)
          : TrainingFileCheck.Result.passed(summary);
    };
  }
}
