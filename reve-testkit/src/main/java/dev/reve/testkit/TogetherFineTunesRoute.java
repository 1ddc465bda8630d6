package dev.reve.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;

/**
 * Together AI's fine-tuning dialect under {@code /fine-tunes}: create, list, retrieve, events,
 * checkpoints, cancel, {@code estimate-price} and {@code models/supported}. Jobs live in the same
 * store and lifecycle as OpenAI's (so faults, virtual time and {@code jobs()} work alike); this
 * route speaks Together's fields and statuses and its ISO-8601 times.
 */
final class TogetherFineTunesRoute implements Route {
  /** The base models this route accepts besides the emulator's own, and lists as supported. */
  static final List<String> SUPPORTED = List.of(
      "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference",
      "Qwen/Qwen2.5-7B-Instruct",
      "meta-llama/Llama-3.3-70B-Instruct-Reference");
  /** The emulator's price per million trained tokens, in dollars. */
  static final double PRICE_PER_MILLION = 0.48;

  private final EmulatedJobs jobs;
  private final EmulatedFiles files;
  private final EmulatedModels models;

  TogetherFineTunesRoute(EmulatedJobs jobs, EmulatedFiles files, EmulatedModels models) {
    this.jobs = jobs;
    this.files = files;
    this.models = models;
  }

  @Override
  public String prefix() {
    return "fine-tunes";
  }

  @Override
  public Optional<MockResponse> answer(EmulatedRequest r, List<String> rest) {
    String method = r.method();
    if (rest.isEmpty()) {
      return switch (method) {
        case "POST" -> Route.ok(job(jobs.json(create(r))));
        case "GET" -> Route.ok(Map.of("data", jobs.jsonNewestFirst(Map.of()).stream().map(this::job).toList()));
        default -> Optional.empty();
      };
    }
    if (rest.equals(List.of("estimate-price")) && method.equals("POST")) {
      return Route.ok(estimate(r));
    }
    if (rest.equals(List.of("models", "supported")) && method.equals("GET")) {
      List<String> all = new ArrayList<>(SUPPORTED);
      return Route.ok(Map.of("models", all));
    }
    String id = rest.get(0);
    if (rest.size() == 1) {
      return method.equals("GET") ? Route.ok(job(jobs.retrieve(id))) : Optional.empty();
    }
    if (rest.size() != 2) {
      return Optional.empty();
    }
    return switch (method + " " + rest.get(1)) {
      case "GET events" -> Route.ok(Map.of("data", events(id)));
      case "GET checkpoints" -> Route.ok(Map.of("data", checkpoints(id)));
      case "POST cancel" -> Route.ok(job(jobs.cancel(id)));
      default -> Optional.empty();
    };
  }

  private String create(EmulatedRequest r) {
    Map<String, Object> body = r.json();
    if (body.isEmpty()) {
      throw Refusal.badRequest("Invalid JSON body", null);
    }
    String model = JsonSupport.string(body, "model").orElseThrow(() -> Refusal.missing("model"));
    String training = JsonSupport.string(body, "training_file").orElseThrow(() -> Refusal.missing("training_file"));
    if (!SUPPORTED.contains(model) && !models.contains(model)) {
      throw new Refusal(400, "Model " + model + " is not supported for fine-tuning", "model", "model_not_available");
    }
    checkFile(training, "training_file");
    String validation = JsonSupport.string(body, "validation_file").orElse(null);
    if (validation != null) {
      checkFile(validation, "validation_file");
    }
    Map<String, Object> type = JsonSupport.object(body, "training_type");
    if (!type.isEmpty()) {
      String t = JsonSupport.string(type, "type").orElse("");
      if (t.equals("Lora") && (!(type.get("lora_r") instanceof Number) || !(type.get("lora_alpha") instanceof Number))) {
        throw Refusal.badRequest("training_type Lora needs lora_r and lora_alpha", "training_type");
      }
      if (!t.equals("Lora") && !t.equals("Full")) {
        throw Refusal.badRequest("training_type.type must be Lora or Full, was '" + t + "'", "training_type");
      }
    }
    String trainingMethod = JsonSupport.string(JsonSupport.object(body, "training_method"), "method").orElse("sft");
    if (!trainingMethod.equals("sft") && !trainingMethod.equals("dpo")) {
      throw Refusal.badRequest("training_method.method must be sft or dpo", "training_method");
    }
    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("n_epochs", body.get("n_epochs") instanceof Number n ? n : 1L);
    hyper.put("batch_size", body.get("batch_size") instanceof Number n ? n : "auto");
    hyper.put("learning_rate_multiplier", "auto");
    String openAiType = trainingMethod.equals("dpo") ? "dpo" : "supervised";
    Map<String, Object> stored = Map.of("type", openAiType, openAiType, Map.of("hyperparameters", hyper));
    long seed = body.get("random_seed") instanceof Number s ? s.longValue() : 42L;
    String suffix = JsonSupport.string(body, "suffix").orElse(null);
    return jobs.create(model, training, validation, suffix, Map.of(), stored, seed, r.body());
  }

  private void checkFile(String id, String param) {
    StoredFile file = files.find(id)
        .orElseThrow(() -> new Refusal(400, "File " + id + " not found", param, "invalid_file"));
    if (!file.purpose().equals("fine-tune")) {
      throw new Refusal(400, "File " + id + " has purpose '" + file.purpose() + "', not fine-tune", param,
          "invalid_file_purpose");
    }
  }

  private Map<String, Object> estimate(EmulatedRequest r) {
    Map<String, Object> body = r.json();
    String training = JsonSupport.string(body, "training_file").orElseThrow(() -> Refusal.missing("training_file"));
    StoredFile file = files.find(training)
        .orElseThrow(() -> new Refusal(400, "File " + training + " not found", "training_file", "invalid_file"));
    long epochs = body.get("n_epochs") instanceof Number n ? n.longValue() : 1L;
    long tokens = file.bytes() / 4 * epochs;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("estimated_total_price", tokens / 1_000_000.0 * PRICE_PER_MILLION);
    json.put("allowed_to_proceed", true);
    json.put("user_limit", 100.0);
    json.put("estimated_train_token_count", tokens);
    json.put("estimated_eval_token_count", 0);
    return json;
  }

  /** An OpenAI-shaped job from the store in Together's fields. */
  private Map<String, Object> job(Map<String, Object> openAi) {
    Map<String, Object> json = new LinkedHashMap<>();
    String status = String.valueOf(openAi.get("status"));
    json.put("id", openAi.get("id"));
    json.put("status", status(status));
    long created = openAi.get("created_at") instanceof Number n ? n.longValue() : 0L;
    json.put("created_at", iso(created));
    long updated = openAi.get("finished_at") instanceof Number n ? n.longValue() : created;
    json.put("updated_at", iso(updated));
    json.put("model", openAi.get("model"));
    if (openAi.get("fine_tuned_model") instanceof String output) {
      json.put("model_output_name", output);
    }
    if (openAi.get("suffix") instanceof String suffix) {
      json.put("suffix", suffix);
    }
    json.put("training_file", openAi.get("training_file"));
    if (openAi.get("validation_file") instanceof String v) {
      json.put("validation_file", v);
    }
    if (openAi.get("method") instanceof Map<?, ?> method) {
      String type = String.valueOf(method.get("type"));
      json.put("training_method", type.equals("dpo") ? Map.of("method", "dpo") : Map.of("method", "sft", "train_on_inputs", false));
      if (method.get(type) instanceof Map<?, ?> m && m.get("hyperparameters") instanceof Map<?, ?> h) {
        if (h.get("n_epochs") instanceof Number n) {
          json.put("n_epochs", n);
        }
        if (h.get("batch_size") instanceof Number n) {
          json.put("batch_size", n);
        }
      }
    }
    if (openAi.get("seed") instanceof Number seed) {
      json.put("random_seed", seed);
    }
    if (openAi.get("trained_tokens") instanceof Number tokens) {
      json.put("token_count", tokens);
    }
    return json;
  }

  /** Together's status for the store's (OpenAI's) status. */
  static String status(String openAi) {
    return switch (openAi.toLowerCase(Locale.ROOT)) {
      case "validating_files" -> "pending";
      case "queued" -> "queued";
      case "running", "paused" -> "running";
      case "succeeded" -> "completed";
      case "failed" -> "error";
      case "cancelled" -> "cancelled";
      default -> openAi;
    };
  }

  private List<Map<String, Object>> events(String jobId) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<Map<String, Object>> oldestFirst = new ArrayList<>(jobs.eventsJsonNewestFirst(jobId));
    java.util.Collections.reverse(oldestFirst);
    for (Map<String, Object> e : oldestFirst) {
      Map<String, Object> json = new LinkedHashMap<>();
      Map<?, ?> data = e.get("data") instanceof Map<?, ?> d ? d : Map.of();
      String message = String.valueOf(e.get("message"));
      json.put("object", "fine-tune-event");
      json.put("created_at", iso(e.get("created_at") instanceof Number n ? n.longValue() : 0L));
      json.put("level", "error".equals(e.get("level")) ? "error" : "info");
      json.put("message", message);
      json.put("type", eventType(String.valueOf(e.get("level")), message, data));
      json.put("param_count", 0);
      json.put("token_count", 0);
      json.put("total_steps", data.get("total_steps") instanceof Number n ? n : 0);
      json.put("wandb_url", "");
      json.put("step", data.get("step") instanceof Number n ? n : 0);
      json.put("checkpoint_path", "");
      json.put("model_path", "");
      json.put("training_offset", 0);
      json.put("hash", e.get("id"));
      out.add(json);
    }
    return out;
  }

  private static String eventType(String level, String message, Map<?, ?> data) {
    if (level.equals("error")) {
      return "job_error";
    }
    if (data.containsKey("step")) {
      return "epoch_complete";
    }
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("successfully completed")) {
      return "job_complete";
    }
    if (m.contains("checkpoint")) {
      return "checkpoint_save";
    }
    return m.contains("started") ? "training_start" : "job_pending";
  }

  private List<Map<String, Object>> checkpoints(String jobId) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> c : jobs.checkpointsJsonNewestFirst(jobId)) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("step", c.get("step_number"));
      json.put("created_at", iso(c.get("created_at") instanceof Number n ? n.longValue() : 0L));
      json.put("path", c.get("fine_tuned_model_checkpoint"));
      json.put("checkpoint_type", "intermediate");
      out.add(json);
    }
    return out;
  }

  private static String iso(long seconds) {
    return Instant.ofEpochSecond(seconds).toString();
  }
}
