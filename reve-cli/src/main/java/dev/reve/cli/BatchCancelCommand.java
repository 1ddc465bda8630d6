package dev.reve.cli;

import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.openai.OpenAiClient;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reve batch cancel [--out DIR]}. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel every batch of the run that has not finished; what completed is kept and"
        + " comes back with collect.")
public final class BatchCancelCommand extends Subcommand {
  @Option(names = "--out", paramLabel = "DIR", defaultValue = BatchCommand.DEFAULT_DIR,
      description = "The run's directory (default: ${DEFAULT-VALUE}).")
  Path out;

  /** Created by picocli. */
  public BatchCancelCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    try (OpenAiClient client = client(); DreamAnalysts analysts = Analysts.open(client, env)) {
      BatchRunState state = BatchCommand.run(env, analysts, out, BatchCommand.recordedAnalysts(env, analysts, out))
          .cancel();
      BatchCommand.printParts(out(), state);
    }
    return ExitCode.OK;
  }
}
