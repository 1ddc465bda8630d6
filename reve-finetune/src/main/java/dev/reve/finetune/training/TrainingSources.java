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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static final Set<String> HEADER_KEYS =
      Set.of("id", "theme", "kind", "title", "context", "associations");
  private static final Pattern HEADER = Pattern.compile("([A-Za-z_]+):(?: (.*))?");
  private static final Pattern ANALYST_ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

  private TrainingSources() {}

  /** The training file name of an analyst: {@code <id>-examples.jsonl}. */
  public static String fileName(String analystId) {
    return analystId + "-examples.jsonl";
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
    if (text.startsWith("\uFEFF")) {
      throw fail(fileName, 1, "starts with a byte order mark; save it as UTF-8 without BOM");
    }
    String[] lines = text.split("\n", -1);
    Map<String, String> header = new LinkedHashMap<>();
    Map<String, String> sections = new LinkedHashMap<>();
    String section = null;
    int sectionLine = 0;
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int n = i + 1;
      if (line.indexOf('\r') >= 0) {
        throw fail(fileName, n, "has a CR character; use LF line endings");
      }
      if (line.startsWith("## ")) {
        if (section != null) {
          putSection(fileName, sectionLine, sections, section, body);
        }
        section = line.substring(3).strip();
        sectionLine = n;
        if (sections.containsKey(section) || section.equals(DREAM_SECTION) && sections.containsKey(DREAM_SECTION)) {
          throw fail(fileName, n, "repeats section '## " + section + "'; each section appears once");
        }
        if (!section.equals(DREAM_SECTION) && !ANALYST_ID.matcher(section.toLowerCase(Locale.ROOT)).matches()) {
          throw fail(fileName, n, "section '## " + section + "' is neither '## Dream' nor an analyst name such as '## Jung'");
        }
        body.setLength(0);
        continue;
      }
      if (section != null) {
        body.append(line).append('\n');
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      Matcher m = HEADER.matcher(line);
      if (!m.matches()) {
        throw fail(fileName, n, "is not a 'key: value' header line; the header ends at '## Dream'");
      }
      String key = m.group(1);
      String value = m.group(2) == null ? "" : m.group(2).strip();
      if (!HEADER_KEYS.contains(key)) {
        throw fail(fileName, n, "has unknown header key '" + key + "'; use id, theme, kind, title, context, associations");
      }
      if (header.containsKey(key)) {
        throw fail(fileName, n, "repeats header key '" + key + "'");
      }
      if (value.isEmpty()) {
        throw fail(fileName, n, "has an empty '" + key + "'; leave the line out when there is no " + key);
      }
      header.put(key, value);
    }
    if (section != null) {
      putSection(fileName, sectionLine, sections, section, body);
    }
    String expectedId = fileName.endsWith(EXTENSION)
        ? fileName.substring(0, fileName.length() - EXTENSION.length())
        : fileName;
    String id = require(fileName, header, "id");
    if (!id.equals(expectedId)) {
      throw fail(fileName, 1, "has id '" + id + "' but the file name says '" + expectedId + "'; make them equal");
    }
    String theme = require(fileName, header, "theme");
    String kindText = require(fileName, header, "kind");
    TrainingSource.Kind kind;
    try {
      kind = TrainingSource.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw fail(fileName, 0, "has kind '" + kindText + "'; use typical, mundane, big or protective");
    }
    String dream = sections.remove(DREAM_SECTION);
    if (dream == null) {
      throw fail(fileName, 0, "has no '## Dream' section");
    }
    if (sections.isEmpty()) {
      throw fail(fileName, 0, "has no analysis section such as '## Jung' or '## Freud'");
    }
    Map<String, String> analyses = new LinkedHashMap<>();
    sections.forEach((name, answer) -> analyses.put(name.toLowerCase(Locale.ROOT), answer));
    return new TrainingSource(id, theme, kind, Optional.ofNullable(header.get("title")),
        Optional.ofNullable(header.get("context")), Optional.ofNullable(header.get("associations")),
        dream, analyses);
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
      Optional<String> answer = source.analysis(analyst.id());
      if (answer.isEmpty()) {
        continue;
      }
      Dream dream;
      try {
        dream = DreamLimits.DEFAULT.check(source.dream());
      } catch (RuntimeException e) {
        throw new InvalidTrainingSourceException(
            source.id() + EXTENSION + ": the dream would be rejected at serving time (" + e.getMessage() + ")", e);
      }
      examples.add(TrainingExample.of(analyst, dream, answer.get()));
    }
    return List.copyOf(examples);
  }

  /**
   * Renders a source folder into {@code <outDir>/<analyst>-examples.jsonl} for every analyst that
   * has sections in the sources. Every file is written atomically.
   *
   * @throws InvalidTrainingSourceException for a malformed source or a section naming an analyst
   *     the registry does not know
   */
  public static RenderResult render(Path sourceDir, Path outDir, AnalystRegistry registry) {
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(registry, "registry");
    List<TrainingSource> sources = readAll(sourceDir);
    Set<String> analystIds = new LinkedHashSet<>();
    sources.forEach(s -> analystIds.addAll(s.analyses().keySet()));
    for (String id : analystIds) {
      if (registry.find(id).isEmpty()) {
        String file = sources.stream().filter(s -> s.analyses().containsKey(id)).findFirst()
            .map(s -> s.id() + EXTENSION).orElse("?");
        throw new InvalidTrainingSourceException(
            file + ": section for analyst '" + id + "', which is not registered (known: "
                + registry.ids() + "); register the analyst or fix the section name");
      }
    }
    Map<String, WrittenFile> files = new LinkedHashMap<>();
    for (AnalystProfile analyst : registry.all()) {
      if (analystIds.contains(analyst.id())) {
        files.put(analyst.id(), TrainingFileWriter.write(
            outDir.resolve(fileName(analyst.id())), examples(sources, analyst)));
      }
    }
    return new RenderResult(sources.size(), files);
  }

  private static void putSection(
      String fileName, int line, Map<String, String> sections, String name, StringBuilder body) {
    String text = body.toString().strip();
    if (text.isEmpty()) {
      throw fail(fileName, line, "section '## " + name + "' is empty");
    }
    sections.put(name, text);
  }

  private static String require(String fileName, Map<String, String> header, String key) {
    String value = header.get(key);
    if (value == null) {
      throw fail(fileName, 0, "has no '" + key + ":' header line");
    }
    return value;
  }

  private static InvalidTrainingSourceException fail(String fileName, int line, String what) {
    return new InvalidTrainingSourceException(
        fileName + (line > 0 ? ":" + line : "") + " " + what + " (see training-data/source/FORMAT.md)");
  }
}
