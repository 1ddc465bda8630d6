package dev.reve.finetune.run;

import dev.reve.finetune.CreateJobRequest;
import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.FineTuningException;
import dev.reve.finetune.JobService;
import dev.reve.finetune.PriceEstimate;
import java.util.Optional;

/**
 * Creates an analyst's job once its files are uploaded, unless one exists: recorded in the state
 * file, or found on the server by its {@link JobIdentity} when the state file lags behind.
 */
record JobCreation(
    JobService jobs,
    FineTuningProvider provider,
    JobSettings settings,
    boolean retryFailedJobs,
    SendOnce sendOnce,
    RunListener listener) {

  /** Whether {@code entry} needs a (new) job. */
  boolean needed(AnalystRun entry) {
    return entry.job().isEmpty() || (retryFailedJobs && entry.failedOrCancelled());
  }

  AnalystRun create(RunJournal journal, AnalystRun entry) {
    if (!needed(entry)) {
      return entry;
    }
    String analyst = entry.analyst();
    // Also when retrying: a replacement job may exist already if the last run stopped before
    // it could record it.
    JobIdentity identity = JobIdentity.of(entry, settings);
    Optional<FineTuningJob> found = identity.findIn(jobs);
    if (found.isPresent() && !(retryFailedJobs && found.get().failedOrCancelled())) {
      listener.onStep(analyst, "found job " + found.get().id() + " already created (" + found.get().status() + ")");
      return journal.put(entry.withJob(found.get(), provider));
    }
    CreateJobRequest request = settings.request(entry, identity);
    Optional<PriceEstimate> quote = jobs.estimatePrice(request);
    if (quote.isPresent()) {
      listener.onStep(analyst, provider.kind().displayName() + " estimates " + quote.get().summary());
      if (!quote.get().allowedToProceed()) {
        throw new FineTuningException(
            provider.kind().displayName() + " says the account may not start this job ("
                + quote.get().summary() + "); add credit or raise the limit, then run again");
      }
    }
    FineTuningJob job =
        sendOnce.send(
            analyst,
            "job creation",
            () -> identity.findIn(jobs).filter(j -> !j.failedOrCancelled()),
            once -> jobs.create(request, once));
    listener.onStep(analyst, "created job " + job.id() + " (" + job.status() + ")");
    return journal.put(entry.withJob(job, provider));
  }
}
