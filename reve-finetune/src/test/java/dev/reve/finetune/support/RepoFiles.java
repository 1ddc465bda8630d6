package dev.reve.finetune.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's files from a test: walks up from the module folder to training-data/. */
public final class RepoFiles {
  private RepoFiles() {}

  /** The folder that contains {@code training-data/}. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("training-data").resolve("source"))) {
        return p;
      }
    }
    throw new IllegalStateException("no training-data/source folder above " + dir);
  }

  /** {@code <root>/training-data}. */
  public static Path trainingData() {
    return root().resolve("training-data");
  }

  /** True when the build was asked to rewrite generated files: {@code -Dreve.regenerate=true}. */
  public static boolean regenerate() {
    return Boolean.getBoolean("reve.regenerate");
  }
}
