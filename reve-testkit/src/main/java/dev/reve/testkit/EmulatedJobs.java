package dev.reve.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The fine-tuning jobs of an {@link OpenAiEmulator}, from {@link OpenAiEmulator#jobs()}, and
 * their lifecycle, which the test drives.
 *
 * <p>Jobs start in {@code validating_files} and move only when the test says so: {@link #advance}
 * takes one step ({@code validating_files → queued → running → succeeded}) with the events OpenAI
 * sends, {@link #succeed} and {@link #fail} end a job, {@link #edit} sets fields without events,
 * and {@link OpenAiEmulatorBuilder#advanceJobsEvery} makes jobs advance by themselves every N
 * retrievals. Thread-safe.
 */
public final class EmulatedJobs {
  private static final Map<String, Object> DEFAULT_METHOD = Map.of("type", "supervised", "supervised",
      Map.of("hyperparameters", Map.of("batch_size", "auto", "learning_rate_multiplier", "auto", "n_epochs", "auto")));

  private final EmulatorState state;
  private final JobLifecycle lifecycle;
  private final Map<String, JobRecord> jobs = new LinkedHashMap<>();

  EmulatedJobs(EmulatorState state, EmulatedFiles files, EmulatedModels models) {
    this.state = state;
    this.lifecycle = new JobLifecycle(state, files, models);
  }

  // ------------------------------------------------------------------ inspection

  /** Snapshots of the jobs, oldest first. */
  public List<StoredJob> all() {
    catchUp();
    synchronized (state.lock) {
      return jobs.values().stream().map(JobRecord::snapshot).toList();
    }
  }

  /** A snapshot of the job with this id; throws when there is none. */
  public StoredJob get(String id) {
    catchUp();
    synchronized (state.lock) {
      return record(id).snapshot();
    }
  }

  /** The job with this id, when there is one. */
  public Optional<StoredJob> find(String id) {
    catchUp();
    synchronized (state.lock) {
      return Optional.ofNullable(jobs.get(id)).map(JobRecord::snapshot);
    }
  }

  /** The newest job whose metadata has {@code key = value}. */
  public Optional<StoredJob> withMetadata(String key, String value) {
    synchronized (state.lock) {
      StoredJob found = null;
      for (JobRecord job : jobs.values()) {
        if (value.equals(job.metadata.get(key))) {
          found = job.snapshot();
        }
      }
      return Optional.ofNullable(found);
    }
  }

  /** A job's events, oldest first. */
  public List<StoredEvent> events(String jobId) {
    catchUp();
    synchronized (state.lock) {
      return List.copyOf(record(jobId).events);
    }
  }

  // ------------------------------------------------------------------ creation

  /**
   * Adds a job as if created earlier (by another run or another tool), in {@code
   * validating_files}, without checking the model or the file; returns its id.
   */
  public String add(String model, String trainingFile, Map<String, String> metadata) {
    return create(Objects.requireNonNull(model, "model"), Objects.requireNonNull(trainingFile, "trainingFile"),
        null, null, metadata == null ? Map.of() : metadata, DEFAULT_METHOD, 42L, "");
  }

  String create(String model, String trainingFile, String validationFile, String suffix,
      Map<String, String> metadata, Map<String, Object> method, long seed, String requestBody) {
    synchronized (state.lock) {
      int n = state.nextNumber("job");
      JobRecord job = new JobRecord("ftjob-emu" + n, n, model, trainingFile, validationFile, suffix, metadata,
          method, seed, state.stamp(), requestBody);
      if (state.pace != null) {
        job.nextStepAt = state.pace.clock().millis() + state.pace.step().toMillis();
      }
      jobs.put(job.id, job);
      return job.id;
    }
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Moves a job one step on, adding the events OpenAI sends: {@code validating_files → queued}
   * (validation events), {@code queued → running} ("Fine-tuning job started"), {@code running →
   * succeeded} (a metrics event per training step, a checkpoint, the new model, completion), and
   * {@code paused → running}. Returns the new status; throws for a job that has ended.
   */
  public String advance(String jobId) {
    synchronized (state.lock) {
      JobRecord job = record(jobId);
      lifecycle.advance(job, null);
      return job.status;
    }
  }

  /** Advances the job to {@code succeeded} (see {@link #advance}); returns the fine-tuned model id. */
  public String succeed(String jobId) {
    return succeed(jobId, null);
  }

  /**
   * Advances the job to {@code succeeded}, naming the fine-tuned model {@code fineTunedModel}
   * ({@code null} for the generated {@code ft:<base>:<organization>:<suffix>:<id>}); returns it.
   */
  public String succeed(String jobId, String fineTunedModel) {
    synchronized (state.lock) {
      JobRecord job = record(jobId);
      while (!job.status.equals("succeeded")) {
        lifecycle.advance(job, fineTunedModel);
      }
      return job.fineTunedModel;
    }
  }

  /** Fails a job that has not ended, with this error and an error event. */
  public void fail(String jobId, String code, String message) {
    synchronized (state.lock) {
      lifecycle.fail(record(jobId), code, message);
    }
  }

  /** Changes a job's fields directly, without events; see {@link JobEdit}. */
  public void edit(String jobId, Consumer<JobEdit> edit) {
    synchronized (state.lock) {
      JobRecord job = record(jobId);
      edit.accept(new JobEdit() {
        @Override
        public JobEdit status(String status) {
          job.status = Objects.requireNonNull(status, "status");
          if (job.terminal() && job.finishedAt == null) {
            job.finishedAt = state.stamp();
          }
          return this;
        }

        @Override
        public JobEdit fineTunedModel(String model) {
          job.fineTunedModel = model;
          return this;
        }

        @Override
        public JobEdit error(String code, String message, String param) {
          job.error = new StoredJob.Failure(code, message, Optional.ofNullable(param));
          return this;
        }

        @Override
        public JobEdit clearError() {
          job.error = null;
          return this;
        }
      });
      lifecycle.edited(job);
    }
  }

  /**
   * Runs {@code steps} one per retrieval of the job ({@code GET fine_tuning/jobs/{id}}), each
   * just before the answer is made, in order; later retrievals run nothing more.
   */
  public void onRetrieve(String jobId, Runnable... steps) {
    synchronized (state.lock) {
      JobRecord job = record(jobId);
      for (Runnable step : steps) {
        job.onRetrieve.add(Objects.requireNonNull(step, "step"));
      }
    }
  }

  /** Adds an {@code info} message event to a job's log. */
  public StoredEvent addEvent(String jobId, String message) {
    return addEvent(jobId, "message", message, Map.of());
  }

  /** Adds an {@code info} event of any type, with data, to a job's log. */
  public StoredEvent addEvent(String jobId, String type, String message, Map<String, ?> data) {
    synchronized (state.lock) {
      return lifecycle.event(record(jobId), "info", message, type, data == null ? Map.of() : data);
    }
  }

  /** Adds a {@code metrics} event ("Step 5/10: training loss=1.20") to a job's log. */
  public StoredEvent addMetrics(String jobId, long step, long totalSteps, double trainLoss) {
    return addEvent(jobId, "metrics", JobLifecycle.metricsMessage(step, totalSteps, trainLoss),
        JobLifecycle.metricsData(step, totalSteps, trainLoss));
  }

  // ------------------------------------------------------------------ for the routes

  /** The job as served, after what a retrieval triggers; 404 when there is none. */
  Map<String, Object> retrieve(String id) {
    synchronized (state.lock) {
      JobRecord job = served(id);
      lifecycle.retrieved(job);
      return WireShapes.job(job, state.organization);
    }
  }

  /** The job as served; 404 when there is none. */
  Map<String, Object> json(String id) {
    synchronized (state.lock) {
      return WireShapes.job(served(id), state.organization);
    }
  }

  /** The jobs as served, newest first, whose metadata holds every pair of {@code wanted}. */
  List<Map<String, Object>> jsonNewestFirst(Map<String, String> wanted) {
    synchronized (state.lock) {
      List<JobRecord> matching = jobs.values().stream()
          .filter(job -> wanted.entrySet().stream()
              .allMatch(e -> e.getValue() != null && e.getValue().equals(job.metadata.get(e.getKey()))))
          .toList();
      return WireShapes.newestFirst(matching, job -> WireShapes.job(job, state.organization));
    }
  }

  List<Map<String, Object>> eventsJsonNewestFirst(String id) {
    synchronized (state.lock) {
      return WireShapes.newestFirst(served(id).events, WireShapes::event);
    }
  }

  List<Map<String, Object>> checkpointsJsonNewestFirst(String id) {
    synchronized (state.lock) {
      return WireShapes.newestFirst(served(id).checkpoints, WireShapes::checkpoint);
    }
  }

  Map<String, Object> cancel(String id) {
    return act(id, lifecycle::cancel);
  }

  Map<String, Object> pause(String id) {
    return act(id, lifecycle::pause);
  }

  Map<String, Object> resume(String id) {
    return act(id, job -> {
      lifecycle.resume(job);
      if (state.pace != null) {
        job.nextStepAt = state.pace.clock().millis() + state.pace.step().toMillis();
      }
    });
  }

  /**
   * With a {@link JobPace}, takes every step that has come due since the last request, for every
   * job that is neither paused nor ended; without one, nothing.
   */
  void catchUp() {
    if (state.pace == null) {
      return;
    }
    synchronized (state.lock) {
      state.followPaceClock();
      long now = state.pace.clock().millis();
      long step = state.pace.step().toMillis();
      for (JobRecord job : jobs.values()) {
        while (!job.terminal() && !job.status.equals("paused") && job.nextStepAt > 0 && now >= job.nextStepAt) {
          lifecycle.tick(job);
          job.nextStepAt += step;
        }
      }
    }
  }

  /** Every job record, for the state file; call under the lock. */
  java.util.Collection<JobRecord> records() {
    return jobs.values();
  }

  /** Puts back a job read from the state file. */
  void restore(JobRecord job) {
    synchronized (state.lock) {
      jobs.put(job.id, job);
    }
  }

  private Map<String, Object> act(String id, Consumer<JobRecord> action) {
    synchronized (state.lock) {
      JobRecord job = served(id);
      action.accept(job);
      return WireShapes.job(job, state.organization);
    }
  }

  private JobRecord served(String id) {
    JobRecord job = jobs.get(id);
    if (job == null) {
      throw new Refusal(404, "Could not find fine-tuning job " + id + ".", "fine_tuning_job_id", "fine_tune_not_found");
    }
    return job;
  }

  private JobRecord record(String id) {
    JobRecord job = jobs.get(id);
    if (job == null) {
      throw new IllegalArgumentException("The emulator has no job '" + id + "'; it has " + jobs.keySet());
    }
    return job;
  }

  @Override
  public String toString() {
    synchronized (state.lock) {
      return "EmulatedJobs" + jobs.keySet();
    }
  }
}
