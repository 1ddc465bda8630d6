package dev.reve.cli;

import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.openai.OpenAiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reve batch submit --dreams FILE [--analyst ID] [--out DIR]}. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Write one request per dream and analyst into batch files (split within 50,000 requests and"
          + " 200 MB, one model per batch), print the cost estimate at the batch price, upload them"
          + " and create the batches. Run it again after a crash: nothing is sent twice.",
      "The dreams file is JSONL: {\"id\": \"...\", \"content\": \"...\", \"title\", \"context\","
          + " \"associations\"}, one dream a line."
    })
public final class BatchSubmitCommand extends Subcommand {
  @Option(names = "--dreams", required = true, paramLabel = "FILE", description = "The dreams, JSONL.")
  Path dreams;

  @Option(
      names = "--analyst",
      paramLabel = "ID",
      defaultValue = "all",
      description = "jung, freud or all (default: ${DEFAULT-VALUE}).")
  String analyst;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = BatchCommand.DEFAULT_DIR,
      description = "The run's directory: batch files, state file, results (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--dry-run", description = "Only print the cost estimate; write no state and send nothing.")
  boolean dryRun;

  /** Created by picocli. */
  public BatchSubmitCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    Path file = env.resolve(dreams);
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("The dreams file " + Places.show(env, file) + " does not exist.");
    }
    List<String> ids = AnalyzeCommand.analystIds(analyst);
    try (OpenAiClient client = client(); DreamAnalysts analysts = Analysts.open(client, env)) {
      BatchAnalysis run = BatchCommand.run(env, analysts, out, ids);
      if (dryRun) {
        out().println("Estimate: " + run.estimate(file).summary());
        out().flush();
        return ExitCode.OK;
      }
      BatchRunState state = run.submit(file);
      BatchCommand.printParts(out(), state);
      out().println("Follow with: reve batch status --out " + out + " --wait, then reve batch collect --out " + out);
      out().flush();
    }
    return ExitCode.OK;
  }
}
