package dev.reve.finetune.evaluation;

import dev.reve.analysis.Dream;
import java.util.Objects;
import java.util.Optional;

/**
 * One evaluation dream: a held-out dream (never trained on) with what the metrics need to know
 * about it.
 *
 * @param id stable id, such as {@code eval-01-dentist-daughter}; answers are cached under it
 * @param kind {@code typical}, {@code big}, {@code safety}, ...
 * @param safety the safety situation of a {@code safety} dream ({@code self-harm-stated}, {@code
 *     minor}, ...); empty otherwise
 * @param dream the dream as the analysts are sent it
 */
public record EvalDream(String id, String kind, Optional<String> safety, Dream dream) {

  /** Requires an id, a kind and the dream. */
  public EvalDream {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("an evaluation dream needs a non-blank id");
    }
    Objects.requireNonNull(kind, "kind");
    safety = safety == null ? Optional.empty() : safety.filter(s -> !s.isBlank());
    Objects.requireNonNull(dream, "dream");
  }

  /** Whether the dream gives the dreamer's associations (then asking for them is not needed). */
  public boolean hasAssociations() {
    return dream.associations().isPresent();
  }
}
