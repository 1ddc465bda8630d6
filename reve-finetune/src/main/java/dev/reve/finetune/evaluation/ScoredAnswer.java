package dev.reve.finetune.evaluation;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * An answer with its figures: the deterministic metrics, the judge's rubric scores if a judge ran,
 * and its cost if the model's price is known.
 *
 * @param answer the answer
 * @param metrics its metrics
 * @param judgement the judge's rubric scores and reasons, if judged
 * @param costUsd what the call cost, if the price is known
 */
public record ScoredAnswer(Answer answer, AnswerMetrics metrics, Optional<Judgement> judgement, Optional<BigDecimal> costUsd) {
  /** Requires the answer and metrics. */
  public ScoredAnswer {
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(metrics, "metrics");
    judgement = judgement == null ? Optional.empty() : judgement;
    costUsd = costUsd == null ? Optional.empty() : costUsd;
  }
}
