package dev.reve.cli;

import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchListener;
import dev.reve.analysis.batch.BatchPart;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.finetune.validation.TokenCounter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code reve batch}: analyse a dream archive through the Batch API, at the batch price. */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse many dreams at half the price through the Batch API (results within 24 hours).",
      "submit writes the batch files and sends them once; status polls; collect prints one JSON"
          + " line per dream and analyst; cancel stops the batches. The run lives in --out DIR"
          + " (default reve-batch): run any of them again after a crash or Ctrl-C."
    },
    subcommands = {
      BatchSubmitCommand.class, BatchStatusCommand.class, BatchCollectCommand.class, BatchCancelCommand.class
    })
public final class BatchCommand extends CommandGroup {
  /** The run directory when {@code --out} is not given. */
  static final String DEFAULT_DIR = "reve-batch";

  /** Created by picocli. */
  public BatchCommand(CliEnvironment env) {
    super(env);
  }

  /** The run in {@code dir} (relative to the working directory), with these analysts. */
  static BatchAnalysis run(CliEnvironment env, DreamAnalysts analysts, Path dir, List<String> analystIds) {
    PrintWriter err = env.err();
    BatchAnalysis.Builder b = BatchAnalysis.builder(analysts, env.resolve(dir))
        .tokenEstimator(TokenCounter.o200k())
        .sleeper(env.sleeper())
        .clock(env.clock())
        .listener(new BatchListener() {
          @Override
          public void onStep(String partId, String message) {
            err.println((partId.isEmpty() ? "" : partId + ": ") + message);
            err.flush();
          }

          @Override
          public void onLinesWritten(long lines) {
            err.println(lines + " request lines written");
            err.flush();
          }
        });
    if (!analystIds.isEmpty()) {
      b.analysts(analystIds);
    }
    return b.build();
  }

  /** The analysts a run in {@code dir} was submitted with, read from its state file. */
  static List<String> recordedAnalysts(CliEnvironment env, DreamAnalysts analysts, Path dir) {
    return BatchAnalysis.builder(analysts, env.resolve(dir)).build().state()
        .map(BatchRunState::analysts)
        .orElseThrow(() -> CliException.usage("No batch run in " + Places.show(env, env.resolve(dir))
            + ": submit the dreams first (reve batch submit --dreams FILE --out " + dir + ")."));
  }

  /** One line per part: id, model, status, counts, batch id. */
  static void printParts(PrintWriter out, BatchRunState state) {
    Table table = new Table("PART", "MODEL", "STATUS", "DONE", "FAILED", "TOTAL", "BATCH");
    for (BatchPart p : state.parts()) {
      table.row(p.id(), p.model(), p.status().orElse("not sent"),
          String.valueOf(p.counts().map(c -> c.completed()).orElse(0)),
          String.valueOf(p.counts().map(c -> c.failed()).orElse(0)),
          String.valueOf(p.lines()), p.batchId().orElse("-"));
    }
    table.print(out);
    state.estimate().ifPresent(e -> out.println("Estimate: " + e.summary()));
    out.println(String.format(Locale.ROOT, "%d dreams, %d requests, %d batches%s", state.dreams(),
        state.requests(), state.parts().size(), state.allFinished() ? ", all finished" : ""));
    out.flush();
  }
}
