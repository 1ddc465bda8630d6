package dev.reve.testkit;

import java.util.Map;
import java.util.Objects;

/**
 * One event in a fine-tuning job's log.
 *
 * @param id the event id
 * @param createdAt when, Unix seconds
 * @param level {@code info}, {@code warn} or {@code error}
 * @param message the text
 * @param type {@code message} or {@code metrics}
 * @param data the metrics of a {@code metrics} event ({@code step}, {@code total_steps}, {@code
 *     train_loss}, ...); empty otherwise
 */
public record StoredEvent(String id, long createdAt, String level, String message, String type, Map<String, Object> data) {
  /** Checks and copies the values. */
  public StoredEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
    data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }
}
