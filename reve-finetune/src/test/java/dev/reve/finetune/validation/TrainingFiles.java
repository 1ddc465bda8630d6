package dev.reve.finetune.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small training files for tests, written line by line. */
final class TrainingFiles {
  private TrainingFiles() {}

  /** A valid example whose texts carry {@code i}, so examples differ. */
  static String example(int i) {
    return "{\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful analyst.\"},"
        + "{\"role\":\"user\",\"content\":\"Dream number " + i + "\"},"
        + "{\"role\":\"assistant\",\"content\":\"Answer number " + i + "\"}]}";
  }

  /** {@code count} valid, distinct examples. */
  static List<String> examples(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      lines.add(example(i));
    }
    return lines;
  }

  /** {@code count} valid examples with line {@code line} (1-based) replaced. */
  static List<String> withLine(int count, int line, String replacement) {
    List<String> lines = examples(count);
    lines.set(line - 1, replacement);
    return lines;
  }

  /** Writes the lines with LF endings (and a final LF). */
  static Path write(Path dir, List<String> lines) {
    return writeBytes(dir, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static Path writeBytes(Path dir, byte[] bytes) {
    try {
      Path file = Files.createTempFile(dir, "train", ".jsonl");
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
