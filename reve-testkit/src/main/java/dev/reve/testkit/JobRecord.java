package dev.reve.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A job's mutable state inside the emulator; guarded by the emulator's lock. */
final class JobRecord {
  final String id;
  final int number;
  final String model;
  final String trainingFile;
  final String validationFile;
  final String suffix;
  final Map<String, String> metadata;
  final Map<String, Object> method;
  final long seed;
  final long createdAt;
  final String requestBody;
  final List<StoredEvent> events = new ArrayList<>();
  final List<Map<String, Object>> checkpoints = new ArrayList<>();
  final Deque<Runnable> onRetrieve = new ArrayDeque<>();
  String status = "validating_files";
  String fineTunedModel;
  StoredJob.Failure error;
  Long finishedAt;
  Long trainedTokens;
  int retrieves;

  JobRecord(
      String id,
      int number,
      String model,
      String trainingFile,
      String validationFile,
      String suffix,
      Map<String, String> metadata,
      Map<String, Object> method,
      long seed,
      long createdAt,
      String requestBody) {
    this.id = id;
    this.number = number;
    this.model = model;
    this.trainingFile = trainingFile;
    this.validationFile = validationFile;
    this.suffix = suffix;
    this.metadata = new LinkedHashMap<>(metadata);
    this.method = method;
    this.seed = seed;
    this.createdAt = createdAt;
    this.requestBody = requestBody;
  }

  boolean terminal() {
    return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
  }

  StoredJob snapshot() {
    return new StoredJob(id, model, trainingFile, Optional.ofNullable(validationFile), Optional.ofNullable(suffix),
        metadata, method, seed, status, Optional.ofNullable(fineTunedModel), Optional.ofNullable(error), createdAt,
        Optional.ofNullable(finishedAt), requestBody);
  }

  /** The job as OpenAI serves it. */
  Map<String, Object> json(String organization) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("object", "fine_tuning.job");
    job.put("id", id);
    job.put("created_at", createdAt);
    job.put("error", error == null ? null : errorJson());
    job.put("fine_tuned_model", fineTunedModel);
    job.put("finished_at", finishedAt);
    job.put("hyperparameters", JsonSupport.object(JsonSupport.object(method, String.valueOf(method.get("type"))),
        "hyperparameters"));
    job.put("model", model);
    job.put("organization_id", organization);
    job.put("result_files", List.of());
    job.put("status", status);
    job.put("trained_tokens", trainedTokens);
    job.put("training_file", trainingFile);
    job.put("validation_file", validationFile);
    job.put("integrations", null);
    job.put("seed", seed);
    job.put("estimated_finish", null);
    job.put("method", method);
    job.put("metadata", metadata.isEmpty() ? null : metadata);
    return job;
  }

  private Map<String, Object> errorJson() {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", error.code());
    e.put("message", error.message());
    e.put("param", error.param().orElse(null));
    return e;
  }

  static Map<String, Object> eventJson(StoredEvent event) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("object", "fine_tuning.job.event");
    e.put("id", event.id());
    e.put("created_at", event.createdAt());
    e.put("level", event.level());
    e.put("message", event.message());
    e.put("type", event.type());
    e.put("data", event.data());
    return e;
  }
}
