package dev.reve.finetune.training;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the training source ({@code training-data/source/*.dream}, format in that folder's
 * {@code FORMAT.md}) and renders it into one chat fine-tuning file per analyst through the same
 * prompt builder that serves the analysts.
 *
 * <pre>{@code
 * RenderResult result = TrainingSources.render(
 *     Path.of("training-data/source"), Path.of("training-data"), AnalystRegistry.withBuiltIns());
 * // writes training-data/jung-examples.jsonl and training-data/freud-examples.jsonl
 * }</pre>
 */
public final class TrainingSources {
  /** The extension of source files. */
  public static final String EXTENSION = ".dream";
  /** The section that holds the dream itself; every other section is an analyst's answer. */
  public static final String DREAM_SECTION = "Dream";

  /** The share of dreams held out for validation, per stratum (see {@link SourceSplit}). */
  public static final double VALIDATION_FRACTION = 0.1;
  /** The seed of the held-out choice, fixed so the split never moves between renders. */
  public static final long VALIDATION_SEED = 42;

  private TrainingSources() {}

  /** The training file name of an analyst: {@code <id>-examples.jsonl}. */
  public static String fileName(String analystId) {
    return analystId + "-examples.jsonl";
  }

  /** The validation file name of an analyst: {@code <id>-validation.jsonl}. */
  public static String validationFileName(String analystId) {
    return analystId + TrainingDataLayout.VALIDATION_SUFFIX;
  }

  /**
   * Reads every {@code *.dream} file of a folder, in file-name order.
   *
   * @throws InvalidTrainingSourceException naming the file and line of the first problem
   * @throws UncheckedIOException when the folder cannot be read
   */
  public static List<TrainingSource> readAll(Path sourceDir) {
    Objects.requireNonNull(sourceDir, "sourceDir");
    List<Path> files;
    try (Stream<Path> list = Files.list(sourceDir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(EXTENSION)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the training source folder " + sourceDir, e);
    }
    if (files.isEmpty()) {
      throw new InvalidTrainingSourceException(
          "no *" + EXTENSION + " files in " + sourceDir + "; point to the training-data/source folder");
    }
    List<TrainingSource> sources = new ArrayList<>(files.size());
    for (Path file : files) {
      sources.add(read(file));
    }
    return List.copyOf(sources);
  }

  /** Reads one source file (strict UTF-8). */
  public static TrainingSource read(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read training source " + file, e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidTrainingSourceException(file + ": not valid UTF-8; save it as UTF-8", e);
    }
    return parse(file.getFileName().toString(), text);
  }

  /**
   * Parses the text of a source file.
   *
   * @param fileName the file name, which must be {@code <id>.dream}
   * @throws InvalidTrainingSourceException naming the line and what to fix
   */
  public static TrainingSource parse(String fileName, String text) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(text, "text");
    return SourceParser.parse(fileName, text);
  }

  /**
   * The training examples of one analyst, in source order; sources without a section for the
   * analyst are skipped.
   *
   * @throws InvalidTrainingSourceException when a dream breaks the serving limits
   */
  public static List<TrainingExample> examples(List<TrainingSource> sources, AnalystProfile analyst) {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(analyst, "analyst");
    List<TrainingExample> examples = new ArrayList<>();
    for (TrainingSource source : sources) {
      Optional<List<String>> turns = source.conversation(analyst.id());
      if (turns.isEmpty()) {
        continue;
      }
      Dream dream;
      try {
        dream = DreamLimits.DEFAULT.check(source.dream());
      } catch (RuntimeException e) {
        throw new InvalidTrainingSourceException(
            source.id() + EXTENSION + ": the dream would be rejected at serving time (" + e.getMessage() + ")", e);
      }
      examples.add(TrainingExample.conversation(analyst, dream, turns.get()));
    }
    return List.copyOf(examples);
  }

  /**
   * Renders a source folder into {@code <outDir>/<analyst>-examples.jsonl} and {@code
   * <outDir>/<analyst>-validation.jsonl} for every analyst that has sections in the sources. About
   * a tenth of the dreams ({@link SourceSplit}: deterministic, stratified so safety, multi-turn
   * and one-turn dreams are in both parts) go to the validation files for every analyst, the rest
   * to the examples files; a dream is never in both. Every file is written atomically.
   *
   * @throws InvalidTrainingSourceException for a malformed source or a section naming an analyst
   *     the registry does not know
   */
  public static RenderResult render(Path sourceDir, Path outDir, AnalystRegistry registry) {
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(registry, "registry");
    List<TrainingSource> sources = readAll(sourceDir);
    Set<String> analystIds = new LinkedHashSet<>();
    sources.forEach(s -> analystIds.addAll(s.analysts()));
    for (String id : analystIds) {
      if (registry.find(id).isEmpty()) {
        String file = sources.stream().filter(s -> s.analysts().contains(id)).findFirst()
            .map(s -> s.id() + EXTENSION).orElse("?");
        throw new InvalidTrainingSourceException(
            file + ": section for analyst '" + id + "', which is not registered (known: "
                + registry.ids() + "); register the analyst or fix the section name");
      }
    }
    Set<String> held = SourceSplit.validationIds(sources, VALIDATION_FRACTION, VALIDATION_SEED);
    List<TrainingSource> training = sources.stream().filter(s -> !held.contains(s.id())).toList();
    List<TrainingSource> validation = sources.stream().filter(s -> held.contains(s.id())).toList();
    Map<String, WrittenFile> files = new LinkedHashMap<>();
    Map<String, WrittenFile> validationFiles = new LinkedHashMap<>();
    for (AnalystProfile analyst : registry.all()) {
      if (analystIds.contains(analyst.id())) {
        files.put(analyst.id(), TrainingFileWriter.write(
            outDir.resolve(fileName(analyst.id())), examples(training, analyst)));
        validationFiles.put(analyst.id(), TrainingFileWriter.write(
            outDir.resolve(validationFileName(analyst.id())), examples(validation, analyst)));
      }
    }
    return new RenderResult(sources.size(), files, validationFiles);
  }

}
