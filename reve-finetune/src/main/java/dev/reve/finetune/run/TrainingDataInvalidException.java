package dev.reve.finetune.run;

import dev.reve.finetune.FineTuningException;
import java.nio.file.Path;

/** A training file failed the check before upload; nothing was uploaded for it. */
public final class TrainingDataInvalidException extends FineTuningException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String summary;

  /** Creates the exception. */
  public TrainingDataInvalidException(Path file, String summary) {
    super(
        file + " did not pass the training-data check, so it was not uploaded:\n" + summary
            + "\nFix the lines it names and run again; nothing was billed.");
    this.file = String.valueOf(file);
    this.summary = summary;
  }

  /** The file that failed. */
  public String file() {
    return file;
  }

  /** What the check found. */
  public String summary() {
    return summary;
  }
}
