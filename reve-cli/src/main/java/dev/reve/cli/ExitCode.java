package dev.reve.cli;

/** The {@code reve} command's exit codes. */
public final class ExitCode {
  /** Success. */
  public static final int OK = 0;

  /** A training file has errors, a job failed, or the user declined a confirmation. */
  public static final int FAILURE = 1;

  /** The command line or its input is wrong (unknown option, missing file, empty dream). */
  public static final int USAGE = 2;

  /** The API refused the request, the key is missing or wrong, or the network failed. */
  public static final int API = 3;

  private ExitCode() {}
}
