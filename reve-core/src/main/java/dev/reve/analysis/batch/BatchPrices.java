package dev.reve.analysis.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Batch prices per million tokens (half the standard price), by model. A fine-tuned model ({@code
 * ft:<base>:...}) is priced as a fine-tune of its base. Immutable; add or replace prices with
 * {@link #with}.
 */
public final class BatchPrices {
  /**
   * A price.
   *
   * @param inputPerMillion US dollars per million prompt tokens
   * @param outputPerMillion US dollars per million completion tokens
   */
  public record Price(double inputPerMillion, double outputPerMillion) {
    /** Requires non-negative prices. */
    public Price {
      if (inputPerMillion < 0 || outputPerMillion < 0) {
        throw new IllegalArgumentException("prices must not be negative");
      }
    }
  }

  private final Map<String, Price> base;
  private final Map<String, Price> fineTuned;

  private BatchPrices(Map<String, Price> base, Map<String, Price> fineTuned) {
    this.base = Map.copyOf(base);
    this.fineTuned = Map.copyOf(fineTuned);
  }

  /** OpenAI's published batch prices for the models the analysts use, as of this release. */
  public static BatchPrices defaults() {
    Map<String, Price> b = new LinkedHashMap<>();
    b.put("gpt-4o-mini", new Price(0.075, 0.30));
    b.put("gpt-4o", new Price(1.25, 5.00));
    b.put("gpt-4.1", new Price(1.00, 4.00));
    b.put("gpt-4.1-mini", new Price(0.20, 0.80));
    b.put("gpt-4.1-nano", new Price(0.05, 0.20));
    Map<String, Price> ft = new LinkedHashMap<>();
    ft.put("gpt-4o-mini", new Price(0.15, 0.60));
    ft.put("gpt-4o", new Price(1.875, 7.50));
    ft.put("gpt-4.1", new Price(1.50, 6.00));
    ft.put("gpt-4.1-mini", new Price(0.40, 1.60));
    ft.put("gpt-4.1-nano", new Price(0.10, 0.40));
    return new BatchPrices(b, ft);
  }

  /** No prices: every estimate's cost is unknown. */
  public static BatchPrices none() {
    return new BatchPrices(Map.of(), Map.of());
  }

  /** A copy with this price for {@code model} (a base model id, dated or not). */
  public BatchPrices with(String model, Price price) {
    Map<String, Price> b = new LinkedHashMap<>(base);
    b.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(price, "price"));
    return new BatchPrices(b, fineTuned);
  }

  /** The batch price of {@code model}, when known. */
  public Optional<Price> find(String model) {
    Objects.requireNonNull(model, "model");
    if (model.startsWith("ft:")) {
      String[] parts = model.split(":");
      return parts.length > 1 ? lookUp(fineTuned, parts[1]) : Optional.empty();
    }
    return lookUp(base, model);
  }

  private static Optional<Price> lookUp(Map<String, Price> table, String model) {
    Price exact = table.get(model);
    if (exact != null) {
      return Optional.of(exact);
    }
    // A dated snapshot (gpt-4o-mini-2024-07-18) costs what its alias does.
    String undated = model.replaceFirst("-\\d{4}-\\d{2}-\\d{2}$", "");
    return Optional.ofNullable(table.get(undated));
  }
}
