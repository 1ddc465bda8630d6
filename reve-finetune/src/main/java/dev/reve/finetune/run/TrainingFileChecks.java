package dev.reve.finetune.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
