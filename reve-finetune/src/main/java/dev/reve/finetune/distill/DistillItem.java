package dev.reve.finetune.distill;

import dev.reve.analysis.Dream;
import dev.reve.analysis.PromptBuilder;
import dev.reve.storage.Sha256;
import java.util.List;
import java.util.Objects;

/**
 * One dream to distil: the dream, and for a multi-turn training example the dreamer's replies in
 * order (the analyst answers the dream, then each reply).
 *
 * @param id where it comes from, for reports: {@code jung-examples.jsonl:12} or a dream's id
 * @param dream the dream as the analyst receives it
 * @param replies the dreamer's replies, empty for a one-turn example
 */
public record DistillItem(String id, Dream dream, List<String> replies) {

  /** Copies the replies; requires the rest. */
  public DistillItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dream, "dream");
    replies = List.copyOf(Objects.requireNonNull(replies, "replies"));
  }

  /** How many answers the model gives for this item: one, plus one per reply. */
  public int answers() {
    return replies.size() + 1;
  }

  /**
   * The item's identity in the journal: SHA-256 of what is asked (the user message and the
   * replies), so a reordered or edited input file never mixes up answers.
   */
  public String key() {
    StringBuilder text = new StringBuilder(PromptBuilder.userMessage(dream));
    for (String reply : replies) {
      text.append("\n\u0000reply\u0000\n").append(reply);
    }
    return Sha256.hex(text.toString());
  }
}
