package dev.reve.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the models file of a working directory is: the file {@code REVE_MODELS_FILE} names
 * (relative to the working directory), else {@code reve-models.properties} in it. A named file
 * must exist to be read; the standard one is read only when it exists. Promotion writes to
 * {@link #path()} either way.
 *
 * @param path the models file, absolute and normalised
 * @param named whether {@code REVE_MODELS_FILE} named it
 */
public record ModelsFileLocation(Path path, boolean named) {
  /** Requires a path; makes it absolute. */
  public ModelsFileLocation {
    path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
  }

  /**
   * The models file for {@code workingDirectory}, given the environment variables {@code env}
   * (a blank {@code REVE_MODELS_FILE} counts as unset). Reads nothing else: no system property,
   * not the process's own environment.
   */
  public static ModelsFileLocation in(Path workingDirectory, Map<String, String> env) {
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(env, "env");
    Path directory = workingDirectory.toAbsolutePath();
    String named = env.get(ModelResolver.MODELS_FILE_ENV);
    if (named != null && !named.isBlank()) {
      return new ModelsFileLocation(directory.resolve(Path.of(named.strip())), true);
    }
    return new ModelsFileLocation(directory.resolve(ModelResolver.DEFAULT_MODELS_FILE), false);
  }

  /** Whether a resolver should read the file: always when named (it must exist), else if present. */
  public boolean readable() {
    return named || Files.isRegularFile(path);
  }

  /**
   * Points {@code builder} at this models file, or at none when the standard file is absent.
   *
   * @return {@code builder}
   */
  public ModelResolver.Builder applyTo(ModelResolver.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    return readable() ? builder.modelsFile(path) : builder.withoutModelsFile();
  }
}
