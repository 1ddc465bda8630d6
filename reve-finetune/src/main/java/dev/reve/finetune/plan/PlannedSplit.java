package dev.reve.finetune.plan;

import dev.reve.finetune.validation.ValidationReport;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An analyst's training file split into a training part and a held-out validation part, both
 * written to disk.
 *
 * @param trainingFile the part to train on
 * @param validationFile the held-out part
 * @param trainingExamples examples in {@code trainingFile}
 * @param validationExamples examples in {@code validationFile}
 * @param trainingReport the training part validated on its own (it must still hold enough
 *     examples); the held-out part needs only the format, which its source passed
 */
public record PlannedSplit(
    Path trainingFile,
    Path validationFile,
    int trainingExamples,
    int validationExamples,
    ValidationReport trainingReport) {
  /** Requires every part. */
  public PlannedSplit {
    Objects.requireNonNull(trainingFile, "trainingFile");
    Objects.requireNonNull(validationFile, "validationFile");
    Objects.requireNonNull(trainingReport, "trainingReport");
  }
}
