package dev.reve.conformance.prism;

import dev.reve.conformance.support.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the {@code shared} folder that sits beside the repository in this project's CI: it holds
 * the published API descriptions ({@code openapi/}, OpenAI's and Together AI's) and the Prism
 * launcher ({@code tools/prism-mock}).
 */
final class SharedFolder {
  /** Environment variable that points at the shared folder when it is not beside the repository. */
  static final String ENV = "REVE_SHARED_DIR";

  /** System property with the same meaning as {@link #ENV}. */
  static final String PROPERTY = "reve.shared.dir";

  private SharedFolder() {}

  /** Where the shared folder is expected: the override, else {@code <repoRoot>/../shared}. */
  static Path expected() {
    String override = System.getProperty(PROPERTY, System.getenv(ENV));
    if (override != null && !override.isBlank()) {
      return Path.of(override.strip()).toAbsolutePath().normalize();
    }
    return RepoPaths.root().resolve("..").resolve("shared").toAbsolutePath().normalize();
  }

  /** The shared folder, when it holds both {@code api}'s description and the Prism launcher. */
  static Optional<Path> locate(PrismServer.Api api) {
    Path shared = expected();
    boolean complete =
        Files.isRegularFile(shared.resolve("openapi").resolve(api.specFile()))
            && Files.isRegularFile(shared.resolve("tools").resolve("prism-mock"));
    return complete ? Optional.of(shared) : Optional.empty();
  }
}
