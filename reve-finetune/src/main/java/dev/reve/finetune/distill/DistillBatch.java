package dev.reve.finetune.distill;

import dev.reve.openai.call.Sleeper;
import java.time.Duration;
import java.util.Objects;

/**
 * Distil through the Batch API, at half the price: every dream's first answer goes into batches
 * ({@code dev.reve.analysis.batch.BatchAnalysis}, its state in {@code <name>.batch/} beside the
 * set); a run waits for them up to {@code timeout}, and once they have finished collects them into
 * the journal. What a batch cannot do, the follow-up turns of a multi-turn example (each depends
 * on the answer before it) and lines that failed, is then asked one request at a time.
 *
 * @param interval how often to poll while waiting
 * @param timeout how long one run waits for the batches; {@link Duration#ZERO} checks once, and a
 *     later run picks the batches up where they are
 * @param sleeper waits between polls
 */
public record DistillBatch(Duration interval, Duration timeout, Sleeper sleeper) {
  /** Requires positive intervals. */
  public DistillBatch {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(sleeper, "sleeper");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive, was " + interval);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("the wait must not be negative, was " + timeout);
    }
  }

  /** Batches polled every {@code interval} for up to {@code timeout}, sleeping for real. */
  public static DistillBatch waiting(Duration interval, Duration timeout) {
    return new DistillBatch(interval, timeout, Sleeper.SYSTEM);
  }

  /** The same with another sleeper (a virtual one in tests). */
  public DistillBatch withSleeper(Sleeper value) {
    return new DistillBatch(interval, timeout, value);
  }
}
