package dev.reve.finetune.training;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.AnalystRegistry;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The project's convention for training files: one file per analyst,
 * {@code training-data/<id>-examples.jsonl}, so that an analyst's file can be found from its id
 * and an analyst guessed from a file's name.
 *
 * @param directory the folder holding the files ({@code training-data} of a working directory)
 */
public record TrainingDataLayout(Path directory) {
  /** The folder name, relative to a working directory. */
  public static final String DIRECTORY = "training-data";

  /** What follows the analyst id in a training file's name. */
  public static final String EXAMPLES_SUFFIX = "-examples.jsonl";

  /** What follows the analyst id in a validation file's name. */
  public static final String VALIDATION_SUFFIX = "-validation.jsonl";

  /** Requires a directory; makes it absolute. */
  public TrainingDataLayout {
    directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
  }

  /** The layout under {@code workingDirectory}: its {@code training-data} folder. */
  public static TrainingDataLayout in(Path workingDirectory) {
    return new TrainingDataLayout(
        Objects.requireNonNull(workingDirectory, "workingDirectory").resolve(DIRECTORY));
  }

  /** The training file of an analyst: {@code <directory>/<id>-examples.jsonl}. */
  public Path examplesFile(String analystId) {
    Objects.requireNonNull(analystId, "analystId");
    if (analystId.isBlank() || analystId.contains("/") || analystId.contains("\\")) {
      throw new IllegalArgumentException(
          "An analyst id must be a plain name such as jung, not '" + analystId + "'");
    }
    return directory.resolve(analystId + EXAMPLES_SUFFIX);
  }

  /** The validation file of an analyst: {@code <directory>/<id>-validation.jsonl}. */
  public Path validationFile(String analystId) {
    return examplesFile(analystId).resolveSibling(analystId + VALIDATION_SUFFIX);
  }

  /**
   * The validation file that goes with a training file by this convention: {@code
   * jung-examples.jsonl} has {@code jung-validation.jsonl} beside it. Empty when the name does not
   * end in {@value #EXAMPLES_SUFFIX} or no such file exists.
   */
  public static Optional<Path> validationFileFor(Path examplesFile) {
    Objects.requireNonNull(examplesFile, "examplesFile");
    Path name = examplesFile.getFileName();
    if (name == null || !name.toString().endsWith(EXAMPLES_SUFFIX)) {
      return Optional.empty();
    }
    String stem = name.toString().substring(0, name.toString().length() - EXAMPLES_SUFFIX.length());
    Path sibling = examplesFile.resolveSibling(stem + VALIDATION_SUFFIX);
    return java.nio.file.Files.isRegularFile(sibling) ? Optional.of(sibling) : Optional.empty();
  }

  /** Each analyst's training file ({@link #examplesFile}), in the order of {@code analystIds}. */
  public Map<String, Path> examplesFiles(List<String> analystIds) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String id : Objects.requireNonNull(analystIds, "analystIds")) {
      files.put(id, examplesFile(id));
    }
    return Collections.unmodifiableMap(files);
  }

  /**
   * The analyst of {@code registry} whose id starts the file name, as in {@code
   * jung-examples.jsonl}, {@code jung_v2.jsonl} or {@code jung.jsonl} (case ignored). Empty when
   * no analyst matches. When several ids match, the longest wins ({@code jung-young-...} picks
   * {@code jung-young} over {@code jung}).
   */
  public static Optional<AnalystProfile> analystOf(Path file, AnalystRegistry registry) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(registry, "registry");
    Path fileName = file.getFileName();
    if (fileName == null) {
      return Optional.empty();
    }
    String name = fileName.toString().toLowerCase(Locale.ROOT);
    AnalystProfile best = null;
    for (AnalystProfile profile : registry.all()) {
      String id = profile.id().toLowerCase(Locale.ROOT);
      boolean matches = name.startsWith(id + "-") || name.startsWith(id + "_")
          || name.equals(id + ".jsonl");
      if (matches && (best == null || id.length() > best.id().length())) {
        best = profile;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@link #analystOf(Path, AnalystRegistry)} over the built-in analysts, Jung and Freud. */
  public static Optional<AnalystProfile> analystOf(Path file) {
    return analystOf(file, AnalystRegistry.withBuiltIns());
  }
}
