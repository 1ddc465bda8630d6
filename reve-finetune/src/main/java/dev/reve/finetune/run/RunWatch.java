package dev.reve.finetune.run;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningTimeoutException;
import dev.reve.finetune.JobEvent;
import dev.reve.finetune.JobListener;
import dev.reve.finetune.JobService;
import dev.reve.finetune.TrainingMetrics;
import dev.reve.finetune.WaitOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits for a run's jobs all at once, each change recorded in the journal and told to the run's
 * listener; calls to the listener never overlap (they hold the journal's monitor).
 */
final class RunWatch {
  private final JobService jobs;
  private final RunJournal journal;
  private final RunListener listener;

  RunWatch(JobService jobs, RunJournal journal, RunListener listener) {
    this.jobs = jobs;
    this.journal = journal;
    this.listener = listener;
  }

  /**
   * Waits for every entry's job until it ends or the wait times out (recorded as still going);
   * the first failure is thrown once all waits are over, later ones suppressed in it.
   */
  void all(List<AnalystRun> entries, WaitOptions options) {
    List<CompletableFuture<Void>> watches = new ArrayList<>();
    for (AnalystRun entry : entries) {
      watches.add(one(entry, options));
    }
    RuntimeException first = null;
    for (CompletableFuture<Void> watch : watches) {
      try {
        watch.join();
      } catch (CompletionException | CancellationException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
        if (first == null) {
          first = cause;
        } else {
          first.addSuppressed(cause);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private CompletableFuture<Void> one(AnalystRun entry, WaitOptions options) {
    String analyst = entry.analyst();
    JobListener hear =
        new JobListener() {
          @Override
          public void onStatus(FineTuningJob job, Optional<String> previous) {
            synchronized (journal) {
              journal.put(journal.get(analyst).withJob(job));
              listener.onStatus(analyst, job, previous);
            }
          }

          @Override
          public void onEvent(FineTuningJob job, JobEvent event) {
            synchronized (journal) {
              listener.onEvent(analyst, job, event);
            }
          }

          @Override
          public void onMetrics(FineTuningJob job, TrainingMetrics metrics) {
            synchronized (journal) {
              listener.onMetrics(analyst, job, metrics);
            }
          }
        };
    return jobs.waitForAsync(entry.jobId().orElseThrow(), options, hear)
        .handle((done, error) -> {
          Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
          synchronized (journal) {
            if (cause == null) {
              journal.put(journal.get(analyst).withJob(done));
            } else if (cause instanceof FineTuningTimeoutException timeout) {
              journal.put(journal.get(analyst).withJob(timeout.job()));
              listener.onStep(analyst, "still " + timeout.job().status() + " when the wait ended");
            } else {
              throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            }
          }
          return null;
        });
  }
}
