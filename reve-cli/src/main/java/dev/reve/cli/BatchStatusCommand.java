package dev.reve.cli;

import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchListener;
import dev.reve.analysis.batch.BatchPart;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.openai.OpenAiClient;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reve batch status [--out DIR] [--wait]}. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Retrieve the run's batches and show their status and counts; with --wait, poll"
        + " until every batch has finished (exit 0) or the wait ends (exit 1).")
public final class BatchStatusCommand extends Subcommand {
  @Option(names = "--out", paramLabel = "DIR", defaultValue = BatchCommand.DEFAULT_DIR,
      description = "The run's directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--wait", description = "Poll until every batch has finished.")
  boolean wait;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "Time between polls with --wait (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
      description = "Longest wait with --wait (default: ${DEFAULT-VALUE}).")
  Duration maxWait;

  /** Created by picocli. */
  public BatchStatusCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    try (OpenAiClient client = client(); DreamAnalysts analysts = Analysts.open(client, env)) {
      BatchAnalysis run = BatchAnalysis.builder(analysts, env.resolve(out))
          .analysts(BatchCommand.recordedAnalysts(env, analysts, out))
          .sleeper(env.sleeper())
          .clock(env.clock())
          .listener(new BatchListener() {
            @Override
            public void onProgress(BatchPart p) {
              if (wait) {
                err().println(p.id() + ": " + p.status().orElse("?") + " " + p.counts().map(c -> c.done()).orElse(0)
                    + "/" + p.lines());
                err().flush();
              }
            }
          })
          .build();
      BatchRunState state = wait ? run.waitFor(interval, maxWait) : run.refresh();
      BatchCommand.printParts(out(), state);
      return !wait || state.allFinished() ? ExitCode.OK : ExitCode.FAILURE;
    }
  }
}
