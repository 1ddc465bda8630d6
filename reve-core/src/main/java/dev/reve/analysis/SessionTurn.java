package dev.reve.analysis;

import dev.reve.openai.chat.FinishReason;
import dev.reve.openai.chat.Usage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One turn of an {@link AnalysisSession}: what the dreamer said (nothing on the first turn) and
 * the analyst's answer, with the model that gave it.
 *
 * @param number 1 for the first answer, then 2, 3, ...
 * @param reply the dreamer's message that this turn answers; empty on the first turn
 * @param answer the analyst's (revised) reading
 * @param model the model that answered (after a fallback: the base model)
 * @param fineTuned whether {@code model} is the analyst's own model
 * @param fellBack whether the analyst's own model was gone and the base model answered
 * @param finishReason why generation stopped
 * @param usage token usage of the request
 * @param startedAt when the request started
 * @param finishedAt when the answer was complete
 * @param leftOut what the history budget left out of this turn's request, if anything
 */
public record SessionTurn(
    int number,
    Optional<String> reply,
    String answer,
    String model,
    boolean fineTuned,
    boolean fellBack,
    FinishReason finishReason,
    Usage usage,
    Instant startedAt,
    Instant finishedAt,
    Optional<String> leftOut) {

  /** Requires every part; normalises absent optionals. */
  public SessionTurn {
    if (number < 1) {
      throw new IllegalArgumentException("turn numbers start at 1; got " + number);
    }
    reply = reply == null ? Optional.empty() : reply;
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(finishReason, "finishReason");
    usage = usage == null ? Usage.NONE : usage;
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    leftOut = leftOut == null ? Optional.empty() : leftOut;
    if (number == 1 && reply.isPresent() || number > 1 && reply.isEmpty()) {
      throw new IllegalArgumentException("turn " + number + (number == 1
          ? " answers the dream and has no reply" : " must carry the dreamer's reply it answers"));
    }
  }
}
