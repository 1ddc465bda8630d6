package dev.reve.cli;

/**
 * A failure the command explains in one line, with the exit code to end with. Never carries a
 * stack trace worth showing: {@code --verbose} shows it anyway.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  /** A failure with a message that says what to do and an {@link ExitCode}. */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** A failure caused by {@code cause}. */
  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A usage error (exit 2). */
  public static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }

  /** A validation or job failure (exit 1). */
  public static CliException failure(String message) {
    return new CliException(ExitCode.FAILURE, message);
  }

  /** The exit code this failure ends the command with. */
  public int exitCode() {
    return exitCode;
  }
}
