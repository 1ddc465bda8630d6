package dev.reve.finetune;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Together AI's fine-tuning JSON and this SDK's shapes: request bodies from a {@link
 * CreateJobRequest}, and jobs, events, checkpoints and price quotes read from its answers. Its
 * statuses map to ours: {@code pending}/{@code queued} are queued; {@code running}, {@code
 * compressing}, {@code uploading} and {@code cancel_requested} running; {@code completed}
 * succeeded; {@code error} failed; {@code cancelled} cancelled.
 */
final class TogetherWire {
  private TogetherWire() {}

  /** Our status for one of Together's; an unknown one is kept as sent (and reads as unknown). */
  static String status(String together) {
    String s = together == null ? "" : together.strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "pending", "queued" -> JobStatus.QUEUED.wire();
      case "running", "compressing", "uploading", "cancel_requested" -> JobStatus.RUNNING.wire();
      case "completed" -> JobStatus.SUCCEEDED.wire();
      case "error" -> JobStatus.FAILED.wire();
      case "cancelled" -> JobStatus.CANCELLED.wire();
      default -> s;
    };
  }

  static Map<String, Object> createBody(CreateJobRequest request, TogetherOptions options) {
    Map<String, Object> body = commonBody(request, options);
    request.suffix().ifPresent(s -> body.put("suffix", s));
    request.seed().ifPresent(s -> body.put("random_seed", s));
    number(request.hyperparameters().batchSize()).ifPresent(b -> body.put("batch_size", b.intValue()));
    return body;
  }

  static Map<String, Object> estimateBody(CreateJobRequest request, TogetherOptions options) {
    return commonBody(request, options);
  }

  private static Map<String, Object> commonBody(CreateJobRequest request, TogetherOptions options) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("training_file", request.trainingFile());
    request.validationFile().ifPresent(v -> body.put("validation_file", v));
    body.put("model", request.model());
    number(request.hyperparameters().epochs()).ifPresent(n -> body.put("n_epochs", n.intValue()));
    Map<String, Object> method = new LinkedHashMap<>();
    if (options.method() == TogetherOptions.Method.DPO) {
      method.put("method", "dpo");
    } else {
      method.put("method", "sft");
      // Train on the analyst's answers only, as OpenAI does.
      method.put("train_on_inputs", false);
    }
    body.put("training_method", method);
    Map<String, Object> type = new LinkedHashMap<>();
    if (options.trainingType() == TogetherOptions.TrainingType.FULL) {
      type.put("type", "Full");
    } else {
      type.put("type", "Lora");
      type.put("lora_r", options.loraRank());
      type.put("lora_alpha", options.loraAlpha());
    }
    body.put("training_type", type);
    return body;
  }

  private static Optional<Number> number(Hyperparameter h) {
    return h.value();
  }

  /** A Together job as our {@link FineTuningJob}; it carries no metadata. */
  static FineTuningJob job(Map<String, Object> json) {
    String status = status(text(json, "status").orElse(""));
    Map<String, Object> hyper = new LinkedHashMap<>();
    integer(json, "n_epochs").ifPresent(n -> hyper.put("n_epochs", n));
    integer(json, "batch_size").ifPresent(n -> hyper.put("batch_size", n));
    Map<String, Object> method = new LinkedHashMap<>();
    if (json.get("training_method") instanceof Map<?, ?> m && "dpo".equals(m.get("method"))) {
      method.put("type", "dpo");
    } else {
      method.put("type", "supervised");
    }
    Optional<String> output = text(json, "model_output_name");
    Optional<JobError> error = JobStatus.of(status) == JobStatus.FAILED
        ? Optional.of(new JobError(Optional.of("together_error"),
            Optional.of(lastErrorMessage(json).orElse("the job ended with status error")), Optional.empty()))
        : Optional.empty();
    return new FineTuningJob(
        text(json, "id").orElse(""),
        seconds(json.get("created_at")),
        error,
        JobStatus.of(status) == JobStatus.SUCCEEDED ? output : Optional.empty(),
        JobStatus.of(status).isTerminal() ? Optional.of(seconds(json.get("updated_at"))) : Optional.empty(),
        text(json, "model").orElse(""),
        Optional.empty(),
        List.of(),
        status,
        integer(json, "token_count"),
        text(json, "training_file").orElse(""),
        text(json, "validation_file"),
        integer(json, "random_seed"),
        Optional.empty(),
        Map.of(),
        hyper,
        method);
  }

  private static Optional<String> lastErrorMessage(Map<String, Object> json) {
    if (json.get("events") instanceof List<?> events) {
      for (int i = events.size() - 1; i >= 0; i--) {
        if (events.get(i) instanceof Map<?, ?> e && "job_error".equals(e.get("type")) && e.get("message") instanceof String m) {
          return Optional.of(m);
        }
      }
    }
    return Optional.empty();
  }

  /** The {@code data} array of a list answer. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> json) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (json.get("data") instanceof List<?> data) {
      for (Object item : data) {
        if (item instanceof Map<?, ?> map) {
          out.add((Map<String, Object>) map);
        }
      }
    }
    return out;
  }

  /** Events newest first; an event's id is its {@code hash}, else its time and position. */
  static List<JobEvent> events(List<Map<String, Object>> raw) {
    List<JobEvent> events = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Map<String, Object> e = raw.get(i);
      long created = seconds(e.get("created_at"));
      String id = text(e, "hash").orElse("together-event-" + created + "-" + i);
      Map<String, Object> data = new LinkedHashMap<>();
      integer(e, "step").filter(s -> s > 0).ifPresent(s -> {
        data.put("step", s);
        integer(e, "total_steps").ifPresent(t -> data.put("total_steps", t));
      });
      events.add(new JobEvent(id, created, text(e, "level").orElse("info"), text(e, "message").orElse(""),
          text(e, "type"), data));
    }
    events.sort(Comparator.comparingLong(JobEvent::createdAt).reversed());
    return events;
  }

  /** Checkpoints newest first; the id is {@code JOB:STEP}, the form {@code from_checkpoint} takes. */
  static List<JobCheckpoint> checkpoints(String jobId, List<Map<String, Object>> raw) {
    return raw.stream()
        .map(c -> {
          long step = integer(c, "step").orElse(0L);
          return new JobCheckpoint(jobId + ":" + step, seconds(c.get("created_at")),
              text(c, "path").orElse(jobId + ":" + step), step, TrainingMetrics.NONE, jobId);
        })
        .sorted(Comparator.comparingLong(JobCheckpoint::stepNumber).reversed())
        .toList();
  }

  static PriceEstimate estimate(Map<String, Object> json) {
    double total = json.get("estimated_total_price") instanceof Number n ? n.doubleValue() : 0.0;
    Optional<Long> tokens = json.get("estimated_train_token_count") instanceof Number n
        ? Optional.of(n.longValue()) : Optional.empty();
    boolean allowed = !(json.get("allowed_to_proceed") instanceof Boolean b) || b;
    Optional<Double> limit = json.get("user_limit") instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    return new PriceEstimate(total, tokens, allowed, limit);
  }

  /** Unix seconds of an ISO-8601 time (Together's jobs) or a number; 0 when unreadable. */
  static long seconds(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return Instant.parse(s).getEpochSecond();
      } catch (DateTimeParseException notInstant) {
        try {
          return OffsetDateTime.parse(s).toEpochSecond();
        } catch (DateTimeParseException unreadable) {
          return 0L;
        }
      }
    }
    return 0L;
  }

  private static Optional<String> text(Map<?, ?> json, String key) {
    return json.get(key) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  private static Optional<Long> integer(Map<?, ?> json, String key) {
    return json.get(key) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
  }
}
