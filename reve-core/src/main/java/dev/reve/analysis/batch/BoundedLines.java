package dev.reve.analysis.batch;

import dev.reve.openai.batches.MalformedBatchLineException;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads a file's lines with a cap on each line's length, so that a server sending one endless
 * line cannot fill the heap: a line over the cap is refused with its number.
 */
final class BoundedLines implements AutoCloseable {
  /** The longest line accepted: far above any chat completion a batch line carries. */
  static final int MAX_CHARS = 8 * 1024 * 1024;

  private final Reader in;
  private final int max;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;
  private long number;

  BoundedLines(Reader in, int max) {
    this.in = in;
    this.max = max;
  }

  /** The next line without its line break, or null at the end. */
  String next() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (line == null) {
            return null;
          }
          number++;
          return line.toString();
        }
      }
      if (line == null) {
        line = new StringBuilder();
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      line.append(buffer, start, position - start);
      if (line.length() > max) {
        throw new MalformedBatchLineException(number + 1, "is over " + max + " characters long; the file is"
            + " not a batch file this SDK reads");
      }
      if (position < limit) {
        position++;
        number++;
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
    }
  }

  /** The number of the line last returned, from 1. */
  long number() {
    return number;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
