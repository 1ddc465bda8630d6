package dev.reve.finetune.validation;

import dev.reve.openai.models.ModelCapabilities;
import dev.reve.openai.models.ModelCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fine-tuning prices and per-example limits by base model. The defaults are OpenAI's published
 * list prices for supervised fine-tuning when this SDK was written; prices change, so
 * applications that bill on these numbers should pass their own table.
 *
 * <pre>{@code
 * PriceTable table = PriceTable.defaults().toBuilder()
 *     .put(ModelPricing.of("gpt-4o-2024-08-06", "25", "1.5", 65_536, "gpt-4o"))
 *     .build();
 * }</pre>
 *
 * <p>Lookups accept dated ids, aliases ({@code gpt-4o}) and fine-tuned ids
 * ({@code ft:gpt-4o-2024-08-06:org::abc}, priced as their base). An unknown model has no price:
 * the table never guesses.
 */
public final class PriceTable {
  /** The per-example limit assumed when the model is unknown and none is configured. */
  public static final int DEFAULT_MAX_TOKENS_PER_EXAMPLE = 65_536;

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  private static final PriceTable DEFAULTS = from(ModelCatalog.builtIn());

  private final Map<String, ModelPricing> byModel;
  private final Map<String, ModelPricing> byId;

  private PriceTable(Map<String, ModelPricing> byModel) {
    this.byModel = Map.copyOf(byModel);
    Map<String, ModelPricing> ids = new LinkedHashMap<>();
    byModel.values().forEach(p -> {
      ids.put(key(p.model()), p);
      p.aliases().forEach(a -> ids.putIfAbsent(key(a), p));
    });
    this.byId = Map.copyOf(ids);
  }

  /**
   * The fine-tunable rows of the built-in model-capabilities table: gpt-4o, gpt-4o-mini, gpt-4.1
   * and gpt-4.1-mini (dated ids and aliases). The prices live there, beside the shutdown dates.
   */
  public static PriceTable defaults() {
    return DEFAULTS;
  }

  /** The rows of {@code catalog} that carry a fine-tuning price, such as one read from a file. */
  public static PriceTable from(ModelCatalog catalog) {
    Builder b = builder();
    for (ModelCapabilities row : catalog.entries()) {
      row.trainingUsdPerMillionTokens().ifPresent(price -> b.put(new ModelPricing(
          row.model(), row.aliases(), price, row.fineTunedUseMultiplier(),
          row.maxTrainingExampleTokens().orElse(DEFAULT_MAX_TOKENS_PER_EXAMPLE))));
    }
    return b.build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder(new LinkedHashMap<>());
  }

  /** A builder starting from this table's entries. */
  public Builder toBuilder() {
    return new Builder(new LinkedHashMap<>(byModel));
  }

  /** Every entry. */
  public List<ModelPricing> entries() {
    return List.copyOf(new ArrayList<>(byModel.values()));
  }

  /**
   * The entry for a dated id, an alias, or a fine-tuned id ({@code ft:<base>:...}).
   *
   * @return empty for an unknown model
   */
  public Optional<ModelPricing> find(String model) {
    if (model == null || model.isBlank()) {
      return Optional.empty();
    }
    String id = model.strip();
    if (id.startsWith("ft:")) {
      String rest = id.substring(3);
      int colon = rest.indexOf(':');
      id = colon < 0 ? rest : rest.substring(0, colon);
    }
    return Optional.ofNullable(byId.get(key(id)));
  }

  /**
   * The cost of training on {@code tokensPerEpoch} tokens for the given epochs.
   *
   * @return empty when the model is unknown
   */
  public Optional<CostEstimate> estimate(String model, long tokensPerEpoch, Epochs epochs) {
    Objects.requireNonNull(epochs, "epochs");
    if (tokensPerEpoch < 0) {
      throw new IllegalArgumentException("token count must not be negative");
    }
    return find(model)
        .map(
            pricing -> {
              int n = epochs.forEstimate();
              long billed = Math.multiplyExact(tokensPerEpoch, (long) n);
              BigDecimal cost =
                  pricing
                      .trainingUsdPerMillionTokens()
                      .multiply(BigDecimal.valueOf(billed))
                      .divide(MILLION, 6, RoundingMode.HALF_UP)
                      .stripTrailingZeros();
              return new CostEstimate(
                  pricing.model(),
                  tokensPerEpoch,
                  n,
                  epochs.isAuto(),
                  billed,
                  pricing.trainingUsdPerMillionTokens(),
                  cost,
                  pricing.inferenceMultiplier());
            });
  }

  private static String key(String id) {
    return id.strip().toLowerCase(Locale.ROOT);
  }

  /** Builds a {@link PriceTable}. */
  public static final class Builder {
    private final Map<String, ModelPricing> entries;

    private Builder(Map<String, ModelPricing> entries) {
      this.entries = entries;
    }

    /** Adds an entry, or replaces the one for the same dated model id. */
    public Builder put(ModelPricing pricing) {
      Objects.requireNonNull(pricing, "pricing");
      entries.put(key(pricing.model()), pricing);
      return this;
    }

    /** Removes the entry for a dated model id. */
    public Builder remove(String model) {
      entries.remove(key(model));
      return this;
    }

    /** The table. */
    public PriceTable build() {
      return new PriceTable(entries);
    }
  }
}
