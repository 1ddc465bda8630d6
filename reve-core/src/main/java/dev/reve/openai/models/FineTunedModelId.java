package dev.reve.openai.models;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a fine-tuned model id, {@code ft:BASE:ORGANIZATION:SUFFIX:KEY} (as in {@code
 * ft:gpt-4o-2024-08-06:acme:jung:AbC123}); the organization, suffix and key may be empty.
 *
 * @param id the whole id
 * @param baseModel the model that was fine-tuned
 * @param organization the owning organization, when given
 * @param suffix the suffix chosen when the job was created, when given
 */
public record FineTunedModelId(
    String id, String baseModel, Optional<String> organization, Optional<String> suffix) {
  /** Requires the id and the base model. */
  public FineTunedModelId {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(baseModel, "baseModel");
    organization = organization == null ? Optional.empty() : organization.filter(s -> !s.isBlank());
    suffix = suffix == null ? Optional.empty() : suffix.filter(s -> !s.isBlank());
  }

  /** The parts of {@code id}; empty when it is not an {@code ft:} id with a base model. */
  public static Optional<FineTunedModelId> parse(String id) {
    Objects.requireNonNull(id, "id");
    if (!id.toLowerCase(Locale.ROOT).startsWith("ft:")) {
      return Optional.empty();
    }
    String[] parts = id.split(":", -1);
    if (parts.length < 2 || parts[1].isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new FineTunedModelId(
        id, parts[1], part(parts, 2), part(parts, 3)));
  }

  private static Optional<String> part(String[] parts, int index) {
    return index < parts.length ? Optional.of(parts[index]) : Optional.empty();
  }
}
