package dev.reve.finetune.distill;

import java.util.Objects;

/**
 * A dream that is not in the distilled set, and why: an input that cannot be distilled (turn 0),
 * or an answer that is not a whole analysis (refused, truncated, filtered, empty), never written
 * as a training example.
 *
 * @param id the item ({@link DistillItem#id()})
 * @param turn the answer that failed, from 1; 0 when the input itself was skipped
 * @param reason what happened, in words
 */
public record Rejection(String id, int turn, String reason) {
  /** Requires the parts. */
  public Rejection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    if (turn < 0) {
      throw new IllegalArgumentException("turn must be 0 or more, was " + turn);
    }
  }

  @Override
  public String toString() {
    return id + (turn > 0 ? " (answer " + turn + ")" : "") + ": " + reason;
  }
}
