package dev.reve.analysis;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An earlier dream of the same dreamer, sent as context with a new dream so the analyst can read
 * the series: when it was dreamt, the dream, and the analyst's reading of it then, if there was
 * one. {@link PromptBuilder} renders it the same way for serving and for training.
 *
 * @param date the night of the dream
 * @param dream the earlier dream
 * @param reading the analyst's earlier reading, if any
 */
public record EarlierDream(LocalDate date, Dream dream, Optional<String> reading) {

  /** Requires the date and dream; a blank reading counts as none. */
  public EarlierDream {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(dream, "dream");
    reading = reading == null ? Optional.empty() : reading.map(String::strip).filter(r -> !r.isEmpty());
  }

  /** An earlier dream without a reading. */
  public static EarlierDream of(LocalDate date, Dream dream) {
    return new EarlierDream(date, dream, Optional.empty());
  }

  /** The block this dream takes in the first user message of a conversation. */
  String rendered() {
    StringBuilder text = new StringBuilder("Dreamt on ").append(date).append(':');
    dream.title().ifPresent(t -> text.append("\n").append(PromptBuilder.TITLE).append(t));
    text.append('\n').append(dream.content().strip());
    dream.context().ifPresent(c -> text.append('\n').append(PromptBuilder.CONTEXT).append(c));
    dream.associations().ifPresent(a -> text.append('\n').append(PromptBuilder.ASSOCIATIONS).append(a));
    reading.ifPresent(r -> text.append("\nYour reading then:\n").append(r));
    return text.toString();
  }
}
