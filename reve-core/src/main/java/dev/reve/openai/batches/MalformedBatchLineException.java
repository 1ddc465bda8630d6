package dev.reve.openai.batches;

import dev.reve.openai.error.OpenAiException;

/** A line of a batch file that is not the JSON it should be; says which line and why. */
public final class MalformedBatchLineException extends OpenAiException {
  private static final long serialVersionUID = 1L;

  private final long line;

  /** A problem on {@code line} (from 1). */
  public MalformedBatchLineException(long line, String problem) {
    this(line, problem, null);
  }

  /** A problem on {@code line} (from 1) with its cause. */
  public MalformedBatchLineException(long line, String problem, Throwable cause) {
    super("batch file line " + line + " " + problem, cause);
    this.line = line;
  }

  /** A problem with the line of this custom id. */
  public MalformedBatchLineException(String customId, String problem, Throwable cause) {
    super("batch line " + customId + " " + problem, cause);
    this.line = -1;
  }

  /** The line, counted from 1; -1 when the line is known by its custom id only. */
  public long line() {
    return line;
  }
}
