package dev.reve.openai.models;

import dev.reve.openai.chat.Usage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model's tokens cost, in US dollars per million tokens: the {@code input}, {@code
 * cached_in} and {@code output} columns of a {@link ModelCatalog} row, or a row's price scaled by
 * a fine-tune's or the Batch API's factor ({@link ModelCatalog#price}).
 *
 * @param inputPerMillion per million prompt tokens
 * @param cachedInputPerMillion per million prompt tokens served from the prompt cache, when the
 *     model has a cached price; without one, cached tokens cost what other prompt tokens do
 * @param outputPerMillion per million completion tokens (reasoning tokens included)
 */
public record TokenPrice(
    BigDecimal inputPerMillion, Optional<BigDecimal> cachedInputPerMillion, BigDecimal outputPerMillion) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** Requires prices that are not negative. */
  public TokenPrice {
    Objects.requireNonNull(inputPerMillion, "inputPerMillion");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion");
    cachedInputPerMillion = cachedInputPerMillion == null ? Optional.empty() : cachedInputPerMillion;
    if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0
        || cachedInputPerMillion.map(BigDecimal::signum).orElse(0) < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
  }

  /** A price from decimal strings such as {@code "2.50"} and {@code "10"}, without a cached price. */
  public static TokenPrice of(String inputPerMillion, String outputPerMillion) {
    return new TokenPrice(new BigDecimal(inputPerMillion), Optional.empty(), new BigDecimal(outputPerMillion));
  }

  /**
   * The cost of one call.
   *
   * @param promptTokens every prompt token, the cached ones included (as {@code usage.prompt_tokens})
   * @param cachedPromptTokens the part of {@code promptTokens} served from the prompt cache
   * @param completionTokens completion tokens
   */
  public BigDecimal cost(long promptTokens, long cachedPromptTokens, long completionTokens) {
    if (promptTokens < 0 || cachedPromptTokens < 0 || completionTokens < 0 || cachedPromptTokens > promptTokens) {
      throw new IllegalArgumentException("token counts must not be negative, and cached prompt tokens are part of"
          + " the prompt tokens (" + promptTokens + " prompt, " + cachedPromptTokens + " cached)");
    }
    BigDecimal cached = cachedInputPerMillion.orElse(inputPerMillion);
    return inputPerMillion.multiply(BigDecimal.valueOf(promptTokens - cachedPromptTokens))
        .add(cached.multiply(BigDecimal.valueOf(cachedPromptTokens)))
        .add(outputPerMillion.multiply(BigDecimal.valueOf(completionTokens)))
        .divide(MILLION, MathContext.DECIMAL64);
  }

  /** The cost of a call that used {@code usage}, cached prompt tokens at the cached price. */
  public BigDecimal cost(Usage usage) {
    Objects.requireNonNull(usage, "usage");
    long cached = usage.promptTokensDetails().map(Usage.PromptTokensDetails::cachedTokens).orElse(0);
    return cost(usage.promptTokens(), Math.min(cached, usage.promptTokens()), usage.completionTokens());
  }

  /** Every price times {@code factor}, such as a fine-tune's 1.5 or the Batch API's 0.5. */
  public TokenPrice times(BigDecimal factor) {
    Objects.requireNonNull(factor, "factor");
    return new TokenPrice(inputPerMillion.multiply(factor), cachedInputPerMillion.map(c -> c.multiply(factor)),
        outputPerMillion.multiply(factor));
  }
}
