package dev.reve.finetune.validation;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Token counts of the examples in a file (lines that could not be parsed are not counted).
 *
 * @param total the sum over all examples: the tokens of one epoch
 * @param max the largest example
 * @param maxLine the line of the largest example, 0 when there are none
 * @param min the smallest example, 0 when there are none
 * @param perExample each example's count, in file order
 * @param limit the per-example limit the file was checked against
 */
public record TokenStats(long total, int max, long maxLine, int min, List<Integer> perExample, int limit) {

  /** Copies the list. */
  public TokenStats {
    perExample = List.copyOf(perExample);
  }

  /** The mean tokens per example, 0 for none. */
  public double mean() {
    return perExample.isEmpty() ? 0 : (double) total / perExample.size();
  }

  /**
   * A histogram with power-of-two buckets: the key is each bucket's upper bound (exclusive), for
   * example {@code 1024 -> 12} means 12 examples of 512 to 1,023 tokens.
   */
  public SortedMap<Integer, Integer> histogram() {
    TreeMap<Integer, Integer> buckets = new TreeMap<>();
    for (int n : perExample) {
      int bound = Integer.highestOneBit(Math.max(n, 1)) << 1;
      buckets.merge(bound, 1, Integer::sum);
    }
    return Collections.unmodifiableSortedMap(buckets);
  }
}
