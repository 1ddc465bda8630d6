package dev.reve.analysis.batch;

import java.nio.file.Path;

/** A line of a dreams file that cannot be read as a dream; says which file, which line and why. */
public final class InvalidDreamFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final long line;

  /** A problem on {@code line} (from 1) of {@code file}. */
  public InvalidDreamFileException(Path file, long line, String problem, Throwable cause) {
    super(file + " line " + line + ": " + problem, cause);
    this.line = line;
  }

  /** The line, counted from 1. */
  public long line() {
    return line;
  }
}
