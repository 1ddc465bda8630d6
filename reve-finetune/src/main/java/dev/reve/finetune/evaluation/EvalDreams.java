package dev.reve.finetune.evaluation;

import dev.reve.analysis.Dream;
import dev.reve.openai.spi.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads evaluation dreams from JSON Lines, one object a line with {@code id} and {@code dream},
 * and optionally {@code kind}, {@code safety}, {@code title}, {@code context} and {@code
 * associations} (the shape of {@code training-data/eval-dreams.jsonl}; other keys are ignored).
 */
public final class EvalDreams {
  /** Where the project keeps its evaluation dreams, relative to the repository root. */
  public static final String DEFAULT_FILE = "training-data/eval-dreams.jsonl";

  /** The longest line read; a longer one is refused rather than held in memory. */
  static final int MAX_LINE_CHARS = 1 << 20;

  private EvalDreams() {}

  /**
   * Every dream in the file, in file order.
   *
   * @throws InvalidEvalDreamsException for a missing file, a line that is not a JSON object, a
   *     missing or blank {@code id} or {@code dream}, a duplicate id, or an empty file; the message
   *     names the line
   */
  public static List<EvalDream> read(Path file) {
    List<EvalDream> dreams = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        if (line.length() > MAX_LINE_CHARS) {
          throw invalid(file, number, "is longer than " + MAX_LINE_CHARS + " characters");
        }
        EvalDream dream = parse(file, number, line);
        if (!ids.add(dream.id())) {
          throw invalid(file, number, "repeats the id '" + dream.id() + "'; ids must be unique");
        }
        dreams.add(dream);
      }
    } catch (NoSuchFileException e) {
      throw new InvalidEvalDreamsException(
          "evaluation dreams file " + file + " does not exist; pass an existing JSONL file", e);
    } catch (IOException e) {
      throw new InvalidEvalDreamsException("cannot read evaluation dreams file " + file + ": " + e.getMessage(), e);
    }
    if (dreams.isEmpty()) {
      throw new InvalidEvalDreamsException("evaluation dreams file " + file + " has no dreams");
    }
    return List.copyOf(dreams);
  }

  private static EvalDream parse(Path file, int number, String line) {
    Map<String, Object> json;
    try {
      json = Json.MAP.fromJson(line);
    } catch (IOException | RuntimeException e) {
      throw invalid(file, number, "is not a JSON object (" + e.getMessage() + ")");
    }
    if (json == null) {
      throw invalid(file, number, "is not a JSON object");
    }
    String id = text(json, "id").orElseThrow(() -> invalid(file, number, "has no \"id\""));
    String content = text(json, "dream").orElseThrow(() -> invalid(file, number, "has no \"dream\" text"));
    Dream.Builder dream = Dream.builder(content);
    text(json, "title").ifPresent(dream::title);
    text(json, "context").ifPresent(dream::context);
    text(json, "associations").ifPresent(dream::associations);
    try {
      return new EvalDream(id, text(json, "kind").orElse("typical"), text(json, "safety"), dream.build());
    } catch (RuntimeException e) {
      throw invalid(file, number, "is not a usable dream: " + e.getMessage());
    }
  }

  private static Optional<String> text(Map<String, Object> json, String key) {
    Object value = json.get(key);
    return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
  }

  private static InvalidEvalDreamsException invalid(Path file, int line, String what) {
    return new InvalidEvalDreamsException(file + ":" + line + ": the line " + what);
  }
}
