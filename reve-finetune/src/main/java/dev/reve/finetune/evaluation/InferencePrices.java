package dev.reve.finetune.evaluation;

import dev.reve.finetune.validation.ModelPricing;
import dev.reve.finetune.validation.PriceTable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What answering costs per million input and output tokens, by base model. A fine-tuned model
 * ({@code ft:<base>:...}) costs its base model's price times the {@link
 * ModelPricing#inferenceMultiplier} of the fine-tuning {@link PriceTable}, so the multiplier is
 * kept in one place.
 */
public final class InferencePrices {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  private static final InferencePrices DEFAULTS = builder()
      .put("gpt-4o-2024-08-06", "2.50", "10.00")
      .put("gpt-4o-mini-2024-07-18", "0.15", "0.60")
      .put("gpt-4.1-2025-04-14", "2.00", "8.00")
      .put("gpt-4.1-mini-2025-04-14", "0.40", "1.60")
      .build();

  private final Map<String, BigDecimal[]> prices;
  private final PriceTable fineTuning;

  private InferencePrices(Map<String, BigDecimal[]> prices, PriceTable fineTuning) {
    this.prices = Map.copyOf(prices);
    this.fineTuning = fineTuning;
  }

  /** OpenAI's list prices (standard tier) of the models the SDK fine-tunes. */
  public static InferencePrices defaults() {
    return DEFAULTS;
  }

  /** An empty builder over the default fine-tuning price table. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The cost in USD of one call, when the model's price is known.
   *
   * @param model the model id as sent (an alias, a dated id or a fine-tune)
   */
  public Optional<BigDecimal> cost(String model, long inputTokens, long outputTokens) {
    Objects.requireNonNull(model, "model");
    boolean fineTuned = model.startsWith("ft:");
    String base = fineTuned ? model.split(":", 3)[1] : model;
    Optional<ModelPricing> pricing = fineTuning.find(base);
    String dated = pricing.map(ModelPricing::model).orElse(base).toLowerCase(Locale.ROOT);
    BigDecimal[] p = prices.get(dated);
    if (p == null) {
      return Optional.empty();
    }
    BigDecimal factor = BigDecimal.ONE;
    if (fineTuned) {
      Optional<BigDecimal> multiplier = pricing.flatMap(ModelPricing::inferenceMultiplier);
      if (multiplier.isEmpty()) {
        return Optional.empty();
      }
      factor = multiplier.get();
    }
    BigDecimal usd = p[0].multiply(BigDecimal.valueOf(inputTokens))
        .add(p[1].multiply(BigDecimal.valueOf(outputTokens)))
        .multiply(factor)
        .divide(MILLION, MathContext.DECIMAL64);
    return Optional.of(usd);
  }

  /** Builds {@link InferencePrices}. */
  public static final class Builder {
    private final Map<String, BigDecimal[]> prices = new HashMap<>();
    private PriceTable fineTuning = PriceTable.defaults();

    private Builder() {}

    /** The price of a dated base model per million input and output tokens, such as "2.50", "10". */
    public Builder put(String datedModel, String inputUsdPerMillion, String outputUsdPerMillion) {
      BigDecimal in = new BigDecimal(inputUsdPerMillion);
      BigDecimal out = new BigDecimal(outputUsdPerMillion);
      if (in.signum() < 0 || out.signum() < 0) {
        throw new IllegalArgumentException("prices must not be negative");
      }
      prices.put(datedModel.toLowerCase(Locale.ROOT), new BigDecimal[] {in, out});
      return this;
    }

    /** The table giving aliases and the fine-tuned multiplier. */
    public Builder fineTuning(PriceTable table) {
      this.fineTuning = Objects.requireNonNull(table, "table");
      return this;
    }

    /** Builds the prices. */
    public InferencePrices build() {
      return new InferencePrices(prices, fineTuning);
    }
  }
}
