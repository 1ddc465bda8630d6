package dev.reve.testkit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job moves from status to status, with the events OpenAI sends on the way. Every method
 * runs under the emulator's lock.
 */
record JobLifecycle(EmulatorState state, EmulatedFiles files, EmulatedModels models) {

  /** One step on; {@code fineTunedModel} names the model should the step finish training. */
  void advance(JobRecord job, String fineTunedModel) {
    switch (job.status) {
      case "validating_files" -> {
        info(job, "Validating training file: " + job.trainingFile);
        if (job.validationFile != null) {
          info(job, "Validating validation file: " + job.validationFile);
        }
        info(job, "Files validated, moving job to queued state");
        job.status = "queued";
      }
      case "queued" -> {
        info(job, "Fine-tuning job started");
        job.status = "running";
      }
      case "paused" -> {
        info(job, "Fine-tuning job resumed");
        job.status = "running";
      }
      case "running" -> finishTraining(job, fineTunedModel);
      default -> throw new IllegalStateException("Job " + job.id + " is " + job.status + ": only validating_files,"
          + " queued, running and paused jobs can advance");
    }
  }

  /**
   * One step of a paced job: while running, the next training step (a metrics event), then the
   * end of training; otherwise {@link #advance}.
   */
  void tick(JobRecord job) {
    if (job.status.equals("running") && job.metricsDone < state.trainingSteps) {
      metric(job, job.metricsDone + 1);
    } else {
      advance(job, null);
    }
  }

  void fail(JobRecord job, String code, String message) {
    if (job.terminal()) {
      throw new IllegalStateException("Job " + job.id + " has already ended (" + job.status + "); only a job"
          + " that has not ended can fail");
    }
    job.status = "failed";
    job.error = new StoredJob.Failure(Objects.requireNonNull(code, "code"), Objects.requireNonNull(message, "message"),
        Optional.empty());
    job.finishedAt = state.stamp();
    event(job, "error", message, "message", Map.of());
  }

  /** Cancels as the API does, or refuses a job that has ended. */
  void cancel(JobRecord job) {
    if (job.terminal()) {
      throw Refusal.badRequest("Job " + job.id + " has already ended (" + job.status + ") and cannot be cancelled.",
          null);
    }
    job.status = "cancelled";
    job.finishedAt = state.stamp();
    info(job, "Fine-tuning job cancelled");
  }

  void pause(JobRecord job) {
    move(job, "running", "paused", "Fine-tuning job paused", "paused");
  }

  void resume(JobRecord job) {
    move(job, "paused", "running", "Fine-tuning job resumed", "resumed");
  }

  /** What a retrieval does besides answering: the test's next step, then any automatic advance. */
  void retrieved(JobRecord job) {
    job.retrieves++;
    Runnable step = job.onRetrieve.poll();
    if (step != null) {
      step.run();
    }
    if (state.advanceEvery > 0 && job.retrieves % state.advanceEvery == 0 && !job.terminal()) {
      advance(job, null);
    }
  }

  /** Sets a status directly; a successful job's model joins the models list. */
  void edited(JobRecord job) {
    if (job.terminal() && job.finishedAt == null) {
      job.finishedAt = state.stamp();
    }
    if (job.status.equals("succeeded") && job.fineTunedModel != null && !models.contains(job.fineTunedModel)) {
      models.addFineTuned(job.fineTunedModel);
    }
  }

  StoredEvent event(JobRecord job, String level, String message, String type, Map<String, ?> data) {
    StoredEvent event = new StoredEvent(state.nextId("ftevent-emu", "event"), state.stamp(), level,
        Objects.requireNonNull(message, "message"), type, new LinkedHashMap<>(data));
    job.events.add(event);
    return event;
  }

  static Map<String, Object> metricsData(long step, long totalSteps, double trainLoss) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("step", step);
    data.put("total_steps", totalSteps);
    data.put("train_loss", trainLoss);
    return data;
  }

  static String metricsMessage(long step, long total, double loss) {
    return String.format(Locale.ROOT, "Step %d/%d: training loss=%.2f", step, total, loss);
  }

  private void move(JobRecord job, String from, String to, String message, String verb) {
    if (!job.status.equals(from)) {
      throw Refusal.badRequest(
          "Job " + job.id + " is " + job.status + "; only a " + from + " job can be " + verb + ".", null);
    }
    job.status = to;
    info(job, message);
  }

  private void finishTraining(JobRecord job, String fineTunedModel) {
    int steps = state.trainingSteps;
    for (int step = job.metricsDone + 1; step <= steps; step++) {
      metric(job, step);
    }
    double loss = loss(steps);
    double accuracy = accuracy(steps);
    String model = fineTunedModel != null ? fineTunedModel : generatedName(job);
    job.checkpoints.add(new JobCheckpoint(state.nextId("ftckpt-emu", "checkpoint"), state.stamp(),
        model + ":ckpt-step-" + steps, steps, loss, accuracy, job.id));
    info(job, "Checkpoint created at step " + steps);
    info(job, "New fine-tuned model created");
    info(job, "The job has successfully completed");
    job.trainedTokens = files.find(job.trainingFile).map(f -> f.bytes() / 4 * 3).orElse(0L);
    job.status = "succeeded";
    job.fineTunedModel = model;
    job.finishedAt = state.stamp();
    models.addFineTuned(model);
  }

  private void metric(JobRecord job, int step) {
    int steps = state.trainingSteps;
    Map<String, Object> data = metricsData(step, steps, loss(step));
    data.put("train_mean_token_accuracy", accuracy(step));
    event(job, "info", metricsMessage(step, steps, loss(step)), "metrics", data);
    job.metricsDone = step;
  }

  private static double loss(int step) {
    return Math.round(2.0 * Math.pow(0.7, step - 1) * 10_000) / 10_000.0;
  }

  private static double accuracy(int step) {
    return Math.round(Math.min(0.95, 0.5 + 0.1 * step) * 10_000) / 10_000.0;
  }

  private String generatedName(JobRecord job) {
    return "ft:" + job.model + ":" + state.organization + ":" + (job.suffix == null ? "" : job.suffix) + ":"
        + String.format(Locale.ROOT, "emu%05d", job.number);
  }

  private void info(JobRecord job, String message) {
    event(job, "info", message, "message", Map.of());
  }
}
