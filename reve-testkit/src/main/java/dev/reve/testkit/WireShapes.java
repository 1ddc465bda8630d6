package dev.reve.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place that writes OpenAI's JSON shapes: models, files, jobs, events, checkpoints, chat
 * completions and their stream chunks, deletions and errors. Lists and pages are {@link Pages}'.
 */
final class WireShapes {
  private WireShapes() {}

  static Map<String, Object> model(StoredModel m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", m.id());
    json.put("object", "model");
    json.put("created", m.created());
    json.put("owned_by", m.ownedBy());
    m.shutdownDate().ifPresent(d -> json.put("shutdown_date", d.toString()));
    return json;
  }

  static Map<String, Object> file(StoredFile f) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", f.id());
    json.put("object", "file");
    json.put("bytes", f.bytes());
    json.put("created_at", f.createdAt());
    json.put("expires_at", null);
    json.put("filename", f.filename());
    json.put("purpose", f.purpose());
    json.put("status", "processed");
    json.put("status_details", null);
    return json;
  }

  /** The answer to a deletion: {@code {"id", "object", "deleted": true}}. */
  static Map<String, Object> deleted(String id, String object) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("object", object);
    json.put("deleted", true);
    return json;
  }

  /** The job as OpenAI serves it; call under the emulator's lock. */
  static Map<String, Object> job(JobRecord job, String organization) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("object", "fine_tuning.job");
    json.put("id", job.id);
    json.put("created_at", job.createdAt);
    json.put("error", job.error == null ? null : jobError(job.error));
    json.put("fine_tuned_model", job.fineTunedModel);
    json.put("finished_at", job.finishedAt);
    json.put("hyperparameters", JsonSupport.object(
        JsonSupport.object(job.method, String.valueOf(job.method.get("type"))), "hyperparameters"));
    json.put("model", job.model);
    json.put("organization_id", organization);
    json.put("result_files", List.of());
    json.put("status", job.status);
    json.put("trained_tokens", job.trainedTokens);
    json.put("training_file", job.trainingFile);
    json.put("validation_file", job.validationFile);
    json.put("integrations", null);
    json.put("seed", job.seed);
    json.put("estimated_finish", null);
    json.put("method", job.method);
    json.put("metadata", job.metadata.isEmpty() ? null : job.metadata);
    return json;
  }

  private static Map<String, Object> jobError(StoredJob.Failure error) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("code", error.code());
    json.put("message", error.message());
    json.put("param", error.param().orElse(null));
    return json;
  }

  static Map<String, Object> event(StoredEvent event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("object", "fine_tuning.job.event");
    json.put("id", event.id());
    json.put("created_at", event.createdAt());
    json.put("level", event.level());
    json.put("message", event.message());
    json.put("type", event.type());
    json.put("data", event.data());
    return json;
  }

  static Map<String, Object> checkpoint(JobCheckpoint c) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("step", c.step());
    metrics.put("train_loss", c.trainLoss());
    metrics.put("train_mean_token_accuracy", c.accuracy());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("object", "fine_tuning.job.checkpoint");
    json.put("id", c.id());
    json.put("created_at", c.createdAt());
    json.put("fine_tuned_model_checkpoint", c.model());
    json.put("step_number", c.step());
    json.put("metrics", metrics);
    json.put("fine_tuning_job_id", c.jobId());
    return json;
  }

  /** OpenAI's error envelope, {@code {"error":{"message","type","param","code"}}}. */
  static Map<String, Object> error(String message, String type, String param, String code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return Map.of("error", error);
  }

  static Map<String, Object> usage(int prompt, int completion) {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    return usage;
  }

  /**
   * A {@code chat.completion} with one choice; {@code content} and {@code refusal} may be null,
   * and so may {@code usage}, which is then left out.
   */
  static Map<String, Object> chatCompletion(String id, long created, String model, String content, String refusal,
      String finishReason, Map<String, Object> usage) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", content);
    message.put("refusal", refusal);
    message.put("annotations", List.of());
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("logprobs", null);
    choice.put("finish_reason", finishReason);
    Map<String, Object> body = chatHead(id, "chat.completion", created, model);
    body.put("choices", List.of(choice));
    if (usage != null) {
      body.put("usage", usage);
    }
    body.put("service_tier", "default");
    body.put("system_fingerprint", "fp_emulator");
    return body;
  }

  /**
   * A {@code chat.completion.chunk} with one choice carrying {@code delta}; {@code usageField}
   * adds {@code "usage": null}, as chunks before the last do when usage was asked for.
   */
  static Map<String, Object> chatChunk(String id, long created, String model, Map<String, Object> delta,
      String finishReason, boolean usageField) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("logprobs", null);
    choice.put("finish_reason", finishReason);
    Map<String, Object> chunk = chatHead(id, "chat.completion.chunk", created, model);
    chunk.put("system_fingerprint", "fp_emulator");
    chunk.put("choices", List.of(choice));
    if (usageField) {
      chunk.put("usage", null);
    }
    return chunk;
  }

  /** The last chunk of a stream that asked for usage: no choices, the usage. */
  static Map<String, Object> chatUsageChunk(String id, long created, String model, Map<String, Object> usage) {
    Map<String, Object> chunk = chatHead(id, "chat.completion.chunk", created, model);
    chunk.put("system_fingerprint", "fp_emulator");
    chunk.put("choices", List.of());
    chunk.put("usage", usage);
    return chunk;
  }

  private static Map<String, Object> chatHead(String id, String object, long created, String model) {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("id", id);
    head.put("object", object);
    head.put("created", created);
    head.put("model", model);
    return head;
  }

  /** The items written by {@code shape}, newest (last stored) first, as OpenAI lists them. */
  static <T> List<Map<String, Object>> newestFirst(List<T> items, Function<T, Map<String, Object>> shape) {
    List<Map<String, Object>> json = new ArrayList<>(items.size());
    for (T item : items) {
      json.add(shape.apply(item));
    }
    Collections.reverse(json);
    return json;
  }

  /** The batch as OpenAI serves it; call under the emulator's lock. */
  static Map<String, Object> batch(BatchRecord b) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", b.id);
    json.put("object", "batch");
    json.put("endpoint", b.endpoint);
    Map<String, Object> errors = new LinkedHashMap<>();
    errors.put("object", "list");
    errors.put("data", List.copyOf(b.errors));
    json.put("errors", b.errors.isEmpty() ? null : errors);
    json.put("input_file_id", b.inputFileId);
    json.put("completion_window", b.completionWindow);
    json.put("status", b.status);
    json.put("output_file_id", b.outputFileId);
    json.put("error_file_id", b.errorFileId);
    json.put("created_at", b.createdAt);
    for (String stamp : List.of("in_progress_at", "expires_at", "finalizing_at", "completed_at", "failed_at",
        "expired_at", "cancelling_at", "cancelled_at")) {
      json.put(stamp, stamp.equals("expires_at") ? (Object) (b.createdAt + 86_400) : b.stamps.get(stamp));
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("total", b.lines.size());
    counts.put("completed", b.output.size());
    counts.put("failed", b.failed.size());
    json.put("request_counts", counts);
    json.put("metadata", b.metadata.isEmpty() ? null : new LinkedHashMap<>(b.metadata));
    return json;
  }
}
