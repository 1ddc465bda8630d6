package dev.reve.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The demo's folder: files copied out of reve.jar, and removed with everything else at the end. */
final class DemoFolder {
  private DemoFolder() {}

  /** Copies a resource of reve.jar to {@code target}, creating its folder. */
  static void copyResource(String resource, Path target) {
    try (InputStream in = DemoFolder.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("reve.jar lacks " + resource + "; rebuild it with ./mvnw -pl reve-cli -am package");
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + resource + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Deletes {@code folder} and everything in it; a missing folder is fine. */
  static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the demo's folder " + folder + ": " + e.getMessage(), e);
    }
  }
}
