package dev.reve.finetune.plan;

import dev.reve.analysis.AnalystProfile;
import dev.reve.finetune.run.AnalystDataset;
import dev.reve.finetune.validation.ValidationReport;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run would do for one analyst: its training file's report and, with a validation split,
 * the two parts.
 *
 * @param analyst the analyst id
 * @param profile the built-in or registered profile, whose checks were applied; empty for an
 *     analyst the registry does not know (the skew check is then off)
 * @param report the training file as given, validated
 * @param split the split, when one was asked for and the file had no errors
 */
public record PlannedAnalyst(
    String analyst,
    Optional<AnalystProfile> profile,
    ValidationReport report,
    Optional<PlannedSplit> split) {
  /** Requires every part. */
  public PlannedAnalyst {
    Objects.requireNonNull(analyst, "analyst");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(split, "split");
  }

  /** Whether what would be uploaded has no errors: the file, and the training part of a split. */
  public boolean ready() {
    return !report.hasErrors() && split.map(s -> !s.trainingReport().hasErrors()).orElse(true);
  }

  /** The report of what would be trained on: the training part of a split, else the file. */
  public ValidationReport trainedReport() {
    return split.map(PlannedSplit::trainingReport).orElse(report);
  }

  /** The files to upload for this analyst; empty when not {@link #ready()}. */
  public Optional<AnalystDataset> dataset() {
    if (!ready()) {
      return Optional.empty();
    }
    return Optional.of(split
        .map(s -> AnalystDataset.of(analyst, s.trainingFile(), s.validationFile()))
        .orElseGet(() -> AnalystDataset.of(analyst, report.file())));
  }
}
