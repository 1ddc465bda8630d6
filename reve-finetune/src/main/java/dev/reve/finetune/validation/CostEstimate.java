package dev.reve.finetune.validation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * What a fine-tuning job on a training file is expected to cost.
 *
 * @param model the dated base model id the price is for
 * @param tokensPerEpoch the training tokens in the file
 * @param epochs the epochs the estimate uses
 * @param epochsAssumed true when the job uses {@code auto} epochs and {@code epochs} is assumed
 * @param billedTokens tokens x epochs
 * @param usdPerMillionTokens the training price
 * @param trainingCostUsd billed tokens x price / 1,000,000
 * @param inferenceMultiplier what the fine-tuned model costs per token relative to its base
 */
public record CostEstimate(
    String model,
    long tokensPerEpoch,
    int epochs,
    boolean epochsAssumed,
    long billedTokens,
    BigDecimal usdPerMillionTokens,
    BigDecimal trainingCostUsd,
    Optional<BigDecimal> inferenceMultiplier) {

  /** Requires the model and amounts. */
  public CostEstimate {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usdPerMillionTokens, "usdPerMillionTokens");
    Objects.requireNonNull(trainingCostUsd, "trainingCostUsd");
    inferenceMultiplier = inferenceMultiplier == null ? Optional.empty() : inferenceMultiplier;
  }

  /** The training cost rounded to cents, for display. */
  public BigDecimal trainingCostUsdRounded() {
    return trainingCostUsd.setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * One line, for example {@code gpt-4o-2024-08-06: 243,000 tokens x 3 epochs (auto, assumed) x
   * $25 per 1M = $6.08; the fine-tuned model costs 1.5x the base model per token}.
   */
  public String summary() {
    StringBuilder text =
        new StringBuilder()
            .append(model)
            .append(": ")
            .append(String.format(java.util.Locale.ROOT, "%,d", tokensPerEpoch))
            .append(" tokens x ")
            .append(epochs)
            .append(epochs == 1 ? " epoch" : " epochs")
            .append(epochsAssumed ? " (auto: estimated with " + epochs + ")" : "")
            .append(" x $")
            .append(usdPerMillionTokens.toPlainString())
            .append(" per 1M = $")
            .append(trainingCostUsdRounded().toPlainString());
    inferenceMultiplier.ifPresent(
        m ->
            text.append("; the fine-tuned model costs ")
                .append(m.stripTrailingZeros().toPlainString())
                .append("x the base model per token"));
    return text.toString();
  }
}
