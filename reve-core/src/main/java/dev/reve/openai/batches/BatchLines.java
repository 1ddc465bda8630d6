package dev.reve.openai.batches;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;

/** Parsing one JSONL line with a line number in every complaint. */
final class BatchLines {
  private static final int SHOWN = 80;

  private BatchLines() {}

  static <T> T parse(JsonAdapter<T> adapter, String line, long lineNumber, String expected) {
    if (line == null || line.isBlank()) {
      throw new MalformedBatchLineException(lineNumber, "is blank; expected " + expected);
    }
    try {
      T value = adapter.fromJson(line);
      if (value == null) {
        throw new MalformedBatchLineException(lineNumber, "is null; expected " + expected);
      }
      return value;
    } catch (IOException | JsonDataException | IllegalArgumentException e) {
      String shown = line.length() > SHOWN ? line.substring(0, SHOWN) + "..." : line;
      throw new MalformedBatchLineException(
          lineNumber, "is not " + expected + " (" + e.getMessage() + "): " + shown, e);
    }
  }
}
