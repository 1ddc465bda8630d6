package dev.reve.finetune;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link JobService#waitFor} polls: it waits {@code initialInterval}, then grows the wait by
 * {@code multiplier} up to {@code maxInterval} while nothing changes, going back to the initial
 * wait when the status changes or events arrive, and gives up at {@code timeout}.
 *
 * @param timeout the longest wait in total
 * @param initialInterval the first wait between polls
 * @param maxInterval the longest wait between polls
 * @param multiplier growth of the wait while nothing changes, at least 1
 * @param readEvents whether to fetch events (and metrics) on every poll
 */
public record WaitOptions(
    Duration timeout,
    Duration initialInterval,
    Duration maxInterval,
    double multiplier,
    boolean readEvents) {

  /** 24 hours in total, polls from 5 s growing by 1.5 up to 60 s, with events. */
  public static final WaitOptions DEFAULT =
      new WaitOptions(Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofSeconds(60), 1.5, true);

  /** Checks the values. */
  public WaitOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(initialInterval, "initialInterval");
    Objects.requireNonNull(maxInterval, "maxInterval");
    if (timeout.isNegative() || initialInterval.isNegative() || initialInterval.isZero()) {
      throw new IllegalArgumentException("timeout must be >= 0 and initialInterval > 0");
    }
    if (maxInterval.compareTo(initialInterval) < 0) {
      throw new IllegalArgumentException("maxInterval must be at least initialInterval");
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
    }
  }

  /** A copy with another total timeout. */
  public WaitOptions withTimeout(Duration value) {
    return new WaitOptions(value, initialInterval, maxInterval, multiplier, readEvents);
  }

  /** A copy with other poll intervals. */
  public WaitOptions withIntervals(Duration initial, Duration max) {
    return new WaitOptions(timeout, initial, max, multiplier, readEvents);
  }

  /** A copy that does or does not read events. */
  public WaitOptions withEvents(boolean value) {
    return new WaitOptions(timeout, initialInterval, maxInterval, multiplier, value);
  }

  /** The wait after {@code current} when nothing changed. */
  Duration next(Duration current) {
    long millis = (long) Math.ceil(current.toMillis() * multiplier);
    Duration grown = Duration.ofMillis(millis);
    return grown.compareTo(maxInterval) > 0 ? maxInterval : grown;
  }
}
