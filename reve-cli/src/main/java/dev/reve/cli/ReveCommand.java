package dev.reve.cli;

import dev.reve.openai.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code reve} command; every action is a subcommand. */
@Command(
    name = "reve",
    mixinStandardHelpOptions = true,
    versionProvider = ReveCommand.VersionProvider.class,
    description = {
      "Jung- and Freud-voiced dream analysis on OpenAI or any OpenAI-compatible server, and the"
          + " fine-tuning of the analyst models.",
      "",
      "The API key comes from OPENAI_API_KEY or --api-key-file; the server from --base-url or"
          + " OPENAI_BASE_URL."
    },
    subcommands = {AnalyzeCommand.class, SessionCommand.class, CompareCommand.class, InterpretCommand.class, BatchCommand.class, FinetuneCommand.class, ModelsCommand.class, picocli.CommandLine.HelpCommand.class},
    footer = {
      "",
      "Exit codes: 0 success, 1 validation or job failure, 2 usage error, 3 API, authentication"
          + " or network error."
    })
public final class ReveCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Mixin private final GlobalOptions global = new GlobalOptions();

  @Spec CommandSpec spec;

  /** Created by {@link Reve}. */
  public ReveCommand(CliEnvironment env) {
    this.env = env;
  }

  /** The options shared by every subcommand. */
  public GlobalOptions global() {
    return global;
  }

  /** The environment the command runs in. */
  public CliEnvironment env() {
    return env;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(env.err());
    return ExitCode.USAGE;
  }

  /** Prints the SDK and Java versions. */
  public static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "reve " + Version.VERSION,
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
