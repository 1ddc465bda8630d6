package dev.reve.finetune.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What fine-tuning one base model costs and allows.
 *
 * @param model the dated model id, for example {@code gpt-4o-2024-08-06}
 * @param aliases other ids that mean this model, for example {@code gpt-4o}
 * @param trainingUsdPerMillionTokens the price of one million trained tokens (tokens x epochs)
 * @param inferenceMultiplier what using the fine-tuned model costs relative to the base model,
 *     for example 1.5; empty when not known
 * @param maxTokensPerExample the largest training example the model accepts, in tokens
 */
public record ModelPricing(
    String model,
    List<String> aliases,
    BigDecimal trainingUsdPerMillionTokens,
    Optional<BigDecimal> inferenceMultiplier,
    int maxTokensPerExample) {

  /** Requires a model id, a non-negative price and a positive limit. */
  public ModelPricing {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model id must not be blank");
    }
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    Objects.requireNonNull(trainingUsdPerMillionTokens, "trainingUsdPerMillionTokens");
    if (trainingUsdPerMillionTokens.signum() < 0) {
      throw new IllegalArgumentException("training price must not be negative");
    }
    inferenceMultiplier = inferenceMultiplier == null ? Optional.empty() : inferenceMultiplier;
    if (maxTokensPerExample < 1) {
      throw new IllegalArgumentException("maxTokensPerExample must be positive");
    }
  }

  /**
   * An entry from plain numbers.
   *
   * @param model dated model id
   * @param trainingUsdPerMillionTokens price per million training tokens, for example "25"
   * @param inferenceMultiplier fine-tuned vs base inference price, for example "1.5", or null
   * @param maxTokensPerExample per-example token limit
   * @param aliases other ids for the same model
   */
  public static ModelPricing of(
      String model,
      String trainingUsdPerMillionTokens,
      String inferenceMultiplier,
      int maxTokensPerExample,
      String... aliases) {
    return new ModelPricing(
        model,
        List.of(aliases),
        new BigDecimal(trainingUsdPerMillionTokens),
        Optional.ofNullable(inferenceMultiplier).map(BigDecimal::new),
        maxTokensPerExample);
  }
}
