package dev.reve.finetune.evaluation;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap of the win, tie and loss shares of paired outcomes: resample the outcomes
 * with replacement {@code resamples} times from a fixed seed, so the same data always gives the
 * same intervals.
 */
public final class Bootstrap {
  private final int resamples;
  private final long seed;

  /**
   * @param resamples how many resamples, at least 100
   * @param seed the random seed
   */
  public Bootstrap(int resamples, long seed) {
    if (resamples < 100) {
      throw new IllegalArgumentException("use at least 100 bootstrap resamples, not " + resamples);
    }
    this.resamples = resamples;
    this.seed = seed;
  }

  /**
   * The win, tie and loss shares with intervals, in that order.
   *
   * @param outcomes each +1 (win), 0 (tie) or -1 (loss)
   */
  public List<Interval> winTieLoss(int[] outcomes) {
    int n = outcomes.length;
    if (n == 0) {
      Interval none = new Interval(0, 0, 0);
      return List.of(none, none, none);
    }
    double[][] shares = new double[3][resamples];
    SplittableRandom random = new SplittableRandom(seed);
    for (int r = 0; r < resamples; r++) {
      int[] counts = new int[3];
      for (int i = 0; i < n; i++) {
        counts[1 - outcomes[random.nextInt(n)]]++;
      }
      for (int k = 0; k < 3; k++) {
        shares[k][r] = (double) counts[k] / n;
      }
    }
    int[] observed = new int[3];
    for (int o : outcomes) {
      if (o < -1 || o > 1) {
        throw new IllegalArgumentException("outcomes are -1, 0 or +1, not " + o);
      }
      observed[1 - o]++;
    }
    Interval[] out = new Interval[3];
    for (int k = 0; k < 3; k++) {
      Arrays.sort(shares[k]);
      out[k] = new Interval((double) observed[k] / n, percentile(shares[k], 0.025), percentile(shares[k], 0.975));
    }
    return List.of(out);
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.floor(p * (sorted.length - 1));
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
