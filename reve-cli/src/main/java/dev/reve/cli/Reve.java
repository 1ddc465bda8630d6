package dev.reve.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IFactory;

/**
 * Entry point of the {@code reve} command: {@code java -jar reve.jar --help}.
 *
 * <p>Tests call {@link #run(CliEnvironment, String...)} with their own environment, streams and
 * working directory, in process.
 */
public final class Reve {
  private Reve() {}

  /** Runs the command in this process's environment and exits with its code. */
  public static void main(String[] args) {
    CliEnvironment env = CliEnvironment.system();
    int code = run(env, args);
    env.out().flush();
    env.err().flush();
    System.exit(code);
  }

  /** Runs the command with {@code args} in {@code env} and returns the exit code. */
  public static int run(CliEnvironment env, String... args) {
    CommandLine cli = commandLine(env);
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      // A line of advice, never the raw stack trace of an Error.
      env.err().println("reve: out of memory (" + e.getMessage() + "); the input is larger than this"
          + " JVM's heap allows: check it for a runaway line, or raise the heap with -Xmx");
      env.err().flush();
      return ExitCode.FAILURE;
    } finally {
      ((ReveCommand) cli.getCommand()).global().closeEmulator();
    }
  }

  /** The configured command line: streams, colours, error handling and exit codes. */
  public static CommandLine commandLine(CliEnvironment env) {
    ReveCommand root = new ReveCommand(env);
    CommandLine cli = new CommandLine(root, new Factory(env));
    cli.setOut(env.out());
    cli.setErr(env.err());
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(env.interactive() ? Ansi.AUTO : Ansi.OFF));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    ErrorReporter reporter = new ErrorReporter(env, root.global());
    cli.setExecutionExceptionHandler(reporter);
    cli.setParameterExceptionHandler(reporter);
    cli.setExitCodeExceptionMapper(ErrorReporter::exitCode);
    cli.setExecutionStrategy(
        parseResult -> {
          if (root.global().verbose()) {
            env.onVerbose().run();
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    return cli;
  }

  /** Creates commands, handing the environment to those whose constructor takes it. */
  private static final class Factory implements IFactory {
    private final CliEnvironment env;
    private final IFactory fallback = CommandLine.defaultFactory();

    Factory(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        Constructor<K> constructor = type.getDeclaredConstructor(CliEnvironment.class);
        return constructor.newInstance(env);
      } catch (NoSuchMethodException e) {
        return fallback.create(type);
      }
    }
  }
}
