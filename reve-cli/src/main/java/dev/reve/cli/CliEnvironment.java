package dev.reve.cli;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.Sleeper;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything the {@code reve} command reads from or writes to the world outside its arguments:
 * environment variables, standard input, the working directory, the two output streams, whether
 * a person is watching a terminal, and the clock. {@link #system()} is the real process; tests
 * build one around strings and a temporary directory.
 *
 * @param env environment variables ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, ...)
 * @param stdin standard input (the dream when no {@code --dream} or {@code --file} is given,
 *     and answers to confirmations)
 * @param workingDirectory where relative paths, the run's state file and the models file live
 * @param out standard output: results
 * @param err standard error: progress, warnings and errors
 * @param interactive whether output goes to a terminal (progress bars and live views) or to a
 *     pipe or file (plain lines)
 * @param clock the wall clock, for elapsed times and the live view
 * @param sleeper waits between polls in {@code finetune watch}
 * @param clientTuning applied to every client builder last (tests inject a fake sleeper here)
 * @param onVerbose run once {@code --verbose} is seen, before any client exists
 */
public record CliEnvironment(
    Map<String, String> env,
    InputStream stdin,
    Path workingDirectory,
    PrintWriter out,
    PrintWriter err,
    boolean interactive,
    Clock clock,
    Sleeper sleeper,
    UnaryOperator<OpenAiClient.Builder> clientTuning,
    Runnable onVerbose) {

  /** Requires every part. */
  public CliEnvironment {
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    Objects.requireNonNull(stdin, "stdin");
    workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory").toAbsolutePath();
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(clientTuning, "clientTuning");
    Objects.requireNonNull(onVerbose, "onVerbose");
  }

  /** The running process: its environment, streams, working directory and console. */
  public static CliEnvironment system() {
    Charset charset = consoleCharset();
    return new CliEnvironment(
        System.getenv(),
        System.in,
        Path.of("").toAbsolutePath(),
        new PrintWriter(new OutputStreamWriter(System.out, charset), true),
        new PrintWriter(new OutputStreamWriter(System.err, charset), true),
        isTerminal(),
        Clock.systemDefaultZone(),
        Sleeper.SYSTEM,
        UnaryOperator.identity(),
        // slf4j-simple reads per-logger levels from system properties when each logger is made;
        // the client's loggers are made when the first client is built, after this runs.
        () -> System.setProperty("org.slf4j.simpleLogger.log.dev.reve", "debug"));
  }

  /**
   * Whether a person is at a terminal. {@code System.console()} alone is not enough from Java 22
   * on, where it may return a console for redirected output; {@code Console.isTerminal()} (Java
   * 22) says, and is called when present.
   */
  static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException olderJava) {
      return true;
    }
  }

  /** A copy with other environment variables. */
  public CliEnvironment withEnv(Map<String, String> variables) {
    return new CliEnvironment(
        variables, stdin, workingDirectory, out, err, interactive, clock, sleeper, clientTuning,
        onVerbose);
  }

  /** The value of an environment variable, blank treated as absent. */
  public java.util.Optional<String> variable(String name) {
    String value = env.get(name);
    return value == null || value.isBlank()
        ? java.util.Optional.empty()
        : java.util.Optional.of(value.strip());
  }

  /** Resolves a path the user typed against the working directory. */
  public Path resolve(Path path) {
    return workingDirectory.resolve(path).normalize();
  }

  private static Charset consoleCharset() {
    String encoding = System.getProperty("stdout.encoding");
    try {
      return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** The working directory, the mode and the names (never the values) of the variables. */
  @Override
  public String toString() {
    return "CliEnvironment{workingDirectory=" + workingDirectory + ", interactive=" + interactive
        + ", variables=" + new java.util.TreeSet<>(env.keySet()) + "}";
  }
}
