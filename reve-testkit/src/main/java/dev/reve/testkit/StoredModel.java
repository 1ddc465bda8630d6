package dev.reve.testkit;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A model the emulator serves: listed by {@code GET /models}, answered by {@code GET
 * /models/{id}}, and accepted by chat completions.
 *
 * @param id the model id
 * @param created creation time, Unix seconds
 * @param ownedBy the owner ({@code system} for base models, the organization for fine-tunes)
 * @param shutdownDate the announced shutdown date, when there is one
 */
public record StoredModel(String id, long created, String ownedBy, Optional<LocalDate> shutdownDate) {
  /** Checks the values. */
  public StoredModel {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a model id must not be blank");
    }
    Objects.requireNonNull(ownedBy, "ownedBy");
    shutdownDate = shutdownDate == null ? Optional.empty() : shutdownDate;
  }

  /** A base model owned by {@code system}, created 2024-07-18, with no shutdown date. */
  public static StoredModel of(String id) {
    return new StoredModel(id, 1_721_260_800L, "system", Optional.empty());
  }

  /** The same model with another owner. */
  public StoredModel ownedBy(String owner) {
    return new StoredModel(id, created, owner, shutdownDate);
  }

  /** The same model with another creation time (Unix seconds). */
  public StoredModel created(long unixSeconds) {
    return new StoredModel(id, unixSeconds, ownedBy, shutdownDate);
  }

  /** The same model with a shutdown date. */
  public StoredModel shutdownOn(LocalDate date) {
    return new StoredModel(id, created, ownedBy, Optional.of(date));
  }

  /** Whether the id is a fine-tuned model's ({@code ft:...}). */
  public boolean fineTuned() {
    return id.startsWith("ft:");
  }
}
