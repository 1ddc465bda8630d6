package dev.reve.cli;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.JobEvent;
import dev.reve.finetune.TrainingMetrics;
import dev.reve.finetune.WaitOptions;
import dev.reve.finetune.run.AnalystRun;
import dev.reve.finetune.run.RunListener;
import dev.reve.finetune.run.RunState;
import dev.reve.openai.OpenAiClient;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code reve finetune watch}: follow the run's jobs until every one has ended. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Follow the run's jobs until every one has ended: status changes, the jobs' events, and"
          + " the training step and loss (a live line on a terminal).",
      "Ctrl-C stops watching only: the jobs go on, and reve-finetune.json stays as it was.",
      "Exit 0 when every job succeeded, 1 when one failed or was cancelled."
    })
public final class FinetuneWatchCommand extends Subcommand {
  /** Created by picocli. */
  public FinetuneWatchCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    FinetuneCommand.requireStateFile(env);
    LiveView view = new LiveView(out(), env.interactive());
    Thread onInterrupt = new Thread(() -> {
      view.clearLine();
      err().println();
      err().println("Stopped watching. The jobs go on; run 'reve finetune watch' again to follow"
          + " them, or 'reve finetune status' to look once.");
      err().flush();
    }, "reve-watch-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    RunState state;
    try (OpenAiClient client = FinetuneCommand.of(spec).client(global())) {
      state = FinetuneCommand.run(env, FinetuneCommand.service(env, client, spec, global()))
          .listener(view)
          .build()
          .watch(WaitOptions.DEFAULT);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: Ctrl-C arrived
      }
    }
    view.clearLine();
    out().println();
    Table table = new Table("ANALYST", "JOB", "STATUS", "FINE-TUNED MODEL / ERROR");
    for (AnalystRun run : state.analysts().values()) {
      table.row(run.analyst(), run.jobId().orElse("(none)"), run.status().orElse(""),
          run.fineTunedModel().orElseGet(() -> run.error().orElse("")));
    }
    table.print(out());
    boolean anyFailed = state.anyFailedOrCancelled();
    boolean allDone = state.allSucceeded();
    if (allDone) {
      out().println();
      out().println("Every job succeeded. Next: reve finetune promote");
    } else if (anyFailed) {
      out().println();
      out().println("A job did not succeed. Fix the cause, then 'reve finetune start"
          + " --retry-failed' trains it again; 'reve finetune promote' saves the models that"
          + " did succeed.");
    }
    out().flush();
    return anyFailed ? ExitCode.FAILURE : ExitCode.OK;
  }

  /**
   * Prints status changes and events as lines; training progress as one line redrawn in place on
   * a terminal, or as a plain line every tenth of the way otherwise.
   */
  static final class LiveView implements RunListener {
    private final PrintWriter out;
    private final boolean interactive;
    private boolean progressShown;
    // per analyst: the jobs are watched at once
    private final java.util.Map<String, Integer> lastTenth = new java.util.HashMap<>();

    LiveView(PrintWriter out, boolean interactive) {
      this.out = out;
      this.interactive = interactive;
    }

    @Override
    public synchronized void onStep(String analyst, String message) {
      line(analyst + ": " + message);
    }

    @Override
    public synchronized void onStatus(String analyst, FineTuningJob job, Optional<String> previous) {
      lastTenth.remove(analyst);
      line(analyst + ": job " + job.id() + " is " + job.status()
          + previous.map(p -> " (was " + p + ")").orElse("")
          + job.fineTunedModel().map(m -> ", model " + m).orElse("")
          + job.error().flatMap(e -> e.message()).map(m -> ": " + m).orElse(""));
    }

    @Override
    public synchronized void onEvent(String analyst, FineTuningJob job, JobEvent event) {
      if (event.metrics().isPresent()) {
        return; // shown by onMetrics
      }
      line(analyst + ": " + (event.level().equals("info") ? "" : event.level().toUpperCase(Locale.ROOT) + " ")
          + event.message());
    }

    @Override
    public synchronized void onMetrics(String analyst, FineTuningJob job, TrainingMetrics metrics) {
      String text = analyst + ": step " + metrics.step().map(String::valueOf).orElse("?")
          + metrics.totalSteps().map(t -> "/" + t).orElse("")
          + metrics.fraction().map(f -> String.format(Locale.ROOT, " (%d%%)", Math.round(f * 100))).orElse("")
          + metrics.trainLoss().map(l -> String.format(Locale.ROOT, ", training loss %.4f", l)).orElse("")
          + metrics.validLoss().map(l -> String.format(Locale.ROOT, ", validation loss %.4f", l)).orElse("");
      if (interactive) {
        out.print("\r\033[K" + text);
        out.flush();
        progressShown = true;
        return;
      }
      int last = lastTenth.getOrDefault(analyst, -1);
      int tenth = metrics.fraction().map(f -> (int) Math.floor(f * 10)).orElse(last + 1);
      if (tenth > last) {
        lastTenth.put(analyst, tenth);
        line(text);
      }
    }

    synchronized void clearLine() {
      if (progressShown) {
        out.print("\r\033[K");
        out.flush();
        progressShown = false;
      }
    }

    private void line(String text) {
      if (progressShown) {
        out.println(); // keep the last progress line above the new one
        progressShown = false;
      }
      out.println(text);
      out.flush();
    }
  }
}
