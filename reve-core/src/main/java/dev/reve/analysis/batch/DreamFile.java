package dev.reve.analysis.batch;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.reve.analysis.Dream;
import dev.reve.openai.spi.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A JSONL file of dreams read one line at a time, never held whole: each line is {@code {"id",
 * "content", "title"?, "context"?, "associations"?}}; blank lines are skipped. Close it when done.
 */
public final class DreamFile implements Iterator<DreamRecord>, AutoCloseable {
  private static final JsonAdapter<Line> ADAPTER = Json.MOSHI.adapter(Line.class);

  private final Path path;
  private final BufferedReader reader;
  private DreamRecord next;
  private long lineNumber;

  /**
   * One line of the file.
   *
   * @param id the dream's stable id
   * @param content the dream
   * @param title an optional title
   * @param context the dreamer's situation
   * @param associations the dreamer's notes
   */
  public record Line(
      String id, String content, Optional<String> title, Optional<String> context, Optional<String> associations) {}

  private DreamFile(Path path, BufferedReader reader) {
    this.path = path;
    this.reader = reader;
  }

  /**
   * Opens {@code path} for reading.
   *
   * @throws UncheckedIOException when it cannot be opened
   */
  public static DreamFile open(Path path) {
    try {
      return new DreamFile(path, Files.newBufferedReader(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the dreams file " + path + ": " + e.getMessage(), e);
    }
  }

  /** The line the last dream came from, counted from 1. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidDreamFileException naming the line that is not a dream
   */
  @Override
  public boolean hasNext() {
    while (next == null) {
      String text;
      try {
        text = reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + path + " after line " + lineNumber + ": " + e.getMessage(), e);
      }
      if (text == null) {
        return false;
      }
      lineNumber++;
      if (!text.isBlank()) {
        next = parse(text);
      }
    }
    return true;
  }

  @Override
  public DreamRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    DreamRecord r = next;
    next = null;
    return r;
  }

  private DreamRecord parse(String text) {
    Line line;
    try {
      line = ADAPTER.fromJson(lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (IOException | JsonDataException e) {
      throw invalid("is not a JSON object {\"id\", \"content\", ...}: " + e.getMessage(), e);
    }
    if (line == null || line.id() == null || line.id().isBlank()) {
      throw invalid("has no \"id\"; give every dream a stable id", null);
    }
    if (line.content() == null) {
      throw invalid("dream '" + line.id() + "' has no \"content\"", null);
    }
    try {
      return new DreamRecord(
          line.id().strip(), new Dream(line.content(), line.title(), line.context(), line.associations()));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage(), e);
    }
  }

  private InvalidDreamFileException invalid(String problem, Throwable cause) {
    return new InvalidDreamFileException(path, lineNumber, problem, cause);
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
