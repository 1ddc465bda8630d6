package dev.reve.finetune.plan;

import dev.reve.analysis.AnalystProfile;
import dev.reve.finetune.validation.ValidationReport;
import java.util.Objects;
import java.util.Optional;

/**
 * One training file as {@link RunPlanner#checkFiles} validated it.
 *
 * @param report what the validator found
 * @param analyst the analyst whose checks (train/serve skew, school lexicon) were applied; empty
 *     when none was given and none could be told from the file name
 * @param analystFromFileName whether {@code analyst} was guessed from the file name
 */
public record CheckedFile(
    ValidationReport report, Optional<AnalystProfile> analyst, boolean analystFromFileName) {
  /** Requires the report and the optional. */
  public CheckedFile {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(analyst, "analyst");
    if (analyst.isEmpty() && analystFromFileName) {
      throw new IllegalArgumentException("no analyst, so none was taken from the file name");
    }
  }
}
