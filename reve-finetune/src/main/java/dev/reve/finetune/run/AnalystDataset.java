package dev.reve.finetune.run;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One analyst's training data for a run.
 *
 * @param analyst the analyst id, such as {@code jung} (lowercase letters, digits, '-', '_')
 * @param trainingFile the JSONL training file
 * @param validationFile an optional JSONL validation file
 */
public record AnalystDataset(String analyst, Path trainingFile, Optional<Path> validationFile) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

  /** Checks the id and requires the training file. */
  public AnalystDataset {
    requireId(analyst);
    Objects.requireNonNull(trainingFile, "trainingFile");
    validationFile = validationFile == null ? Optional.empty() : validationFile;
  }

  /**
   * Checks an analyst id: lowercase letters, digits, '-' or '_', starting with a letter, at most
   * 40 characters (the same rule as the analyst profiles).
   */
  public static String requireId(String analyst) {
    Objects.requireNonNull(analyst, "analyst");
    if (!ID.matcher(analyst).matches()) {
      throw new IllegalArgumentException(
          "analyst id '" + analyst + "' must be lowercase letters, digits, '-' or '_', starting"
              + " with a letter, at most 40 characters");
    }
    return analyst;
  }

  /** A dataset without a validation file. */
  public static AnalystDataset of(String analyst, Path trainingFile) {
    return new AnalystDataset(analyst, trainingFile, Optional.empty());
  }

  /** A dataset with a validation file. */
  public static AnalystDataset of(String analyst, Path trainingFile, Path validationFile) {
    return new AnalystDataset(analyst, trainingFile, Optional.of(validationFile));
  }
}
