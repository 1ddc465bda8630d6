package dev.reve.finetune.evaluation;

/**
 * A share with its bootstrap 95% interval (the 2.5th and 97.5th percentiles of the resampled
 * shares).
 *
 * @param value the share in the data, 0 to 1
 * @param low the lower end of the interval
 * @param high the upper end of the interval
 */
public record Interval(double value, double low, double high) {
  /** Requires {@code low <= high}. */
  public Interval {
    if (low > high) {
      throw new IllegalArgumentException("interval low " + low + " is above high " + high);
    }
  }
}
