package dev.reve.conformance.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, seen from the test's working directory (the module folder). */
public final class RepoPaths {
  private RepoPaths() {}

  /** The repository root: the nearest folder upwards holding {@code mvnw} and {@code reve-core}. */
  public static Path root() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("reve-core"))) {
        return dir;
      }
    }
    return start;
  }
}
