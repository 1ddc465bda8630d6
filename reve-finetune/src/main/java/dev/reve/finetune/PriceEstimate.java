package dev.reve.finetune;

import java.util.Optional;

/**
 * A provider's own quote for a job, before it is created.
 *
 * @param totalUsd the estimated total price in US dollars
 * @param trainTokens the tokens the provider expects to train, when sent
 * @param allowedToProceed whether the account may start the job (credit, limits)
 * @param userLimitUsd the account's credit limit, when sent
 */
public record PriceEstimate(
    double totalUsd, Optional<Long> trainTokens, boolean allowedToProceed, Optional<Double> userLimitUsd) {

  /** Normalises absent values. */
  public PriceEstimate {
    trainTokens = trainTokens == null ? Optional.empty() : trainTokens;
    userLimitUsd = userLimitUsd == null ? Optional.empty() : userLimitUsd;
  }

  /** One line for people: {@code $1.23 for 456,000 tokens}. */
  public String summary() {
    return String.format(java.util.Locale.ROOT, "$%.2f", totalUsd)
        + trainTokens.map(t -> String.format(java.util.Locale.ROOT, " for %,d tokens", t)).orElse("")
        + (allowedToProceed ? "" : " (the account may not start it: credit limit "
            + userLimitUsd.map(l -> String.format(java.util.Locale.ROOT, "$%.2f", l)).orElse("reached") + ")");
  }
}
