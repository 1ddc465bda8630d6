package dev.reve.finetune.training;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A training file on disk.
 *
 * @param path where it was written
 * @param examples how many lines (examples) it has
 * @param bytes its size
 * @param sha256 SHA-256 of its bytes, hex; record it with the fine-tuning job to know exactly what
 *     was trained
 */
public record WrittenFile(Path path, long examples, long bytes, String sha256) {
  /** Requires the path and hash. */
  public WrittenFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
  }
}
