package dev.reve.finetune.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Checks a training file before it is uploaded. A fine-tuning run ({@code FineTuneRun}) calls it for every file and
 * stops on a failed result, so nothing is uploaded or billed for data the service would refuse.
 * {@link TrainingFileChecks} holds the ready-made checks.
 */
@FunctionalInterface
public interface TrainingFileCheck {
  /** Checks {@code file}. */
  Result check(Path file);

  /**
   * What a check found.
   *
   * @param ok whether the file may be uploaded
   * @param summary a human-readable account of what was found (one line or a few)
   */
  record Result(boolean ok, String summary) {
    /** Requires a summary. */
    public Result {
      Objects.requireNonNull(summary, "summary");
    }

    /** A passing result. */
    public static Result passed(String summary) {
      return new Result(true, summary);
    }

    /** A failing result. */
    public static Result failed(String summary) {
      return new Result(false, summary);
    }

    /**
     * Returns this result when it passed.
     *
     * @throws TrainingDataInvalidException naming the file and the summary when it failed
     */
    public Result requireOk(Path file) {
      if (!ok) {
        throw new TrainingDataInvalidException(file, summary);
      }
      return this;
    }
  }
}
