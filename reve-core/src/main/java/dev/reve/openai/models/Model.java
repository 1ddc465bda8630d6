package dev.reve.openai.models;

import com.squareup.moshi.Json;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A model the key can use.
 *
 * @param id the model id, such as {@code gpt-4o-mini} or {@code ft:gpt-4o-mini:org:jung:abc}
 * @param created creation time, Unix seconds (0 when absent)
 * @param ownedBy the owning organisation
 * @param shutdownDate the announced shutdown date as sent ({@code YYYY-MM-DD}), if any
 */
public record Model(
    String id,
    Long created,
    @Json(name = "owned_by") Optional<String> ownedBy,
    @Json(name = "shutdown_date") Optional<String> shutdownDate) {

  /** Normalises absent values. */
  public Model {
    id = id == null ? "" : id;
    created = created == null ? 0L : created;
  }

  /** The shutdown date, when one is announced and readable. */
  public Optional<LocalDate> shutdown() {
    return shutdownDate.flatMap(
        s -> {
          try {
            return Optional.of(LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s));
          } catch (DateTimeParseException e) {
            return Optional.empty();
          }
        });
  }

  /** Whether the id names a fine-tuned model ({@code ft:...}). */
  public boolean isFineTuned() {
    return id.startsWith("ft:");
  }
}
