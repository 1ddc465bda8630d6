package dev.reve.finetune.run;

import dev.reve.storage.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The models file the analysts read ({@code reve-models.properties}: {@code jung.model=ft:...}).
 * Updates keep every other line, comment and key as they were and are written atomically.
 */
public final class ModelsFile {
  /** The default file name, in the working directory. */
  public static final String DEFAULT_NAME = "reve-models.properties";

  private ModelsFile() {}

  /** The key that names an analyst's model: {@code jung.model}. */
  public static String key(String analyst) {
    return analyst + ".model";
  }

  /** The key of an analyst's own endpoint: {@code jung.base-url}. */
  public static String baseUrlKey(String analyst) {
    return analyst + ".base-url";
  }

  /** The key naming the variable with the key for that endpoint: {@code jung.api-key-env}. */
  public static String keyVariableKey(String analyst) {
    return analyst + ".api-key-env";
  }

  /** The key of how the key is sent there: {@code jung.auth}. */
  public static String authKey(String analyst) {
    return analyst + ".auth";
  }

  /** Every key and value in {@code file}; empty when it does not exist. */
  public static Map<String, String> read(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return toMap(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sets {@code entries} in {@code file}: existing keys get the new value in place, new keys are
   * appended, a key whose value is null is removed, every other line stays. Written atomically.
   */
  public static void merge(Path file, Map<String, String> entries) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(entries, "entries");
    try {
      List<String> lines =
          Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : new ArrayList<>();
      Map<String, String> pending = new LinkedHashMap<>(entries);
      List<String> out = new ArrayList<>();
      int i = 0;
      while (i < lines.size()) {
        // One logical entry: a line and the lines its trailing backslashes continue onto.
        int end = i;
        boolean isComment = isCommentOrBlank(lines.get(i));
        while (!isComment && endsWithOddBackslashes(lines.get(end)) && end + 1 < lines.size()) {
          end++;
        }
        List<String> group = lines.subList(i, end + 1);
        String key = isComment ? null : keyOf(String.join("\n", group));
        if (key != null && entries.containsKey(key)) {
          if (pending.containsKey(key)) {
            String value = pending.remove(key);
            if (value != null) {
              out.add(format(key, value));
            }
          }
        } else {
          out.addAll(group);
        }
        i = end + 1;
      }
      pending.values().removeIf(Objects::isNull);
      if (out.isEmpty() && !pending.isEmpty()) {
        out.add("# Fine-tuned analyst models, written by reve finetune promote.");
      }
      pending.forEach((k, v) -> out.add(format(k, v)));
      StringBuilder text = new StringBuilder();
      out.forEach(l -> text.append(l).append('\n'));
      AtomicFiles.writeOwnerOnly(file, text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot update " + file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> toMap(Reader in) throws IOException {
    Properties properties = new Properties();
    properties.load(in);
    Map<String, String> map = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name));
    }
    return map;
  }

  private static boolean isCommentOrBlank(String line) {
    String trimmed = line.stripLeading();
    return trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!");
  }

  /** The unescaped key of one logical property entry, or null when it has none. */
  private static String keyOf(String entry) {
    try {
      Map<String, String> one = toMap(new StringReader(entry));
      return one.size() == 1 ? one.keySet().iterator().next() : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean endsWithOddBackslashes(String line) {
    int count = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      count++;
    }
    return count % 2 == 1;
  }

  private static String format(String key, String value) {
    return escape(key, true) + "=" + escape(value, false);
  }

  private static String escape(String text, boolean isKey) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '=', ':', '#', '!' -> out.append(isKey ? "\\" + c : String.valueOf(c));
        case ' ' -> out.append(isKey || i == 0 ? "\\ " : " ");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
