package dev.reve.finetune;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One event in a job's log (OpenAI's {@code fine_tuning.job.event}).
 *
 * @param id the event id
 * @param createdAt when it happened, Unix seconds
 * @param level {@code info}, {@code warn} or {@code error}
 * @param message the human-readable text
 * @param type {@code message} or {@code metrics}, when sent
 * @param data the event's data as parsed (for metrics: step, train_loss, ...)
 */
public record JobEvent(
    String id,
    @Json(name = "created_at") Long createdAt,
    String level,
    String message,
    Optional<String> type,
    Map<String, Object> data) {
  private static final JsonAdapter<TrainingMetrics> METRICS =
      dev.reve.openai.spi.Json.MOSHI.adapter(TrainingMetrics.class);

  /** Normalises absent values. */
  public JobEvent {
    id = id == null ? "" : id;
    createdAt = createdAt == null ? 0L : createdAt;
    level = level == null ? "info" : level;
    message = message == null ? "" : message;
  }

  /** When it happened. */
  public Instant time() {
    return Instant.ofEpochSecond(createdAt);
  }

  /** The training metrics, for an event of type {@code metrics} (or any event with a step). */
  public Optional<TrainingMetrics> metrics() {
    boolean isMetrics = type.filter("metrics"::equals).isPresent() || data.containsKey("step");
    if (!isMetrics || data.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(METRICS.fromJsonValue(data));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }
}
