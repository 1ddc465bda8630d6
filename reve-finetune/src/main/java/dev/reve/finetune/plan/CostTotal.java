package dev.reve.finetune.plan;

import dev.reve.finetune.validation.ValidationReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * The estimated training cost of several files together. One rule everywhere: the sum of every
 * file's cost, or unknown as soon as one file's model has no price (a partial sum would look like
 * a real total and understate it).
 *
 * @param usd the total in US dollars, rounded to cents; empty when unknown
 */
public record CostTotal(Optional<BigDecimal> usd) {
  /** Requires the optional. */
  public CostTotal {
    usd = Objects.requireNonNull(usd, "usd").map(v -> v.setScale(2, RoundingMode.HALF_UP));
  }

  /** The total of {@code reports}' costs; zero for no reports, unknown if one has no price. */
  public static CostTotal of(Collection<ValidationReport> reports) {
    Objects.requireNonNull(reports, "reports");
    BigDecimal sum = BigDecimal.ZERO;
    for (ValidationReport report : reports) {
      if (report.cost().isEmpty()) {
        return new CostTotal(Optional.empty());
      }
      sum = sum.add(report.cost().get().trainingCostUsd());
    }
    return new CostTotal(Optional.of(sum));
  }

  /** Whether every file had a price. */
  public boolean known() {
    return usd.isPresent();
  }

  /** {@code $10.59}, or {@code unknown (a model has no price in the table)}. */
  public String describe() {
    return usd.map(v -> "$" + v.toPlainString())
        .orElse("unknown (a model has no price in the table)");
  }
}
