package dev.reve.finetune.evaluation;

import dev.reve.openai.call.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a comparison sends its answers through the Batch API instead of one call each ({@link
 * CompareOptions.Builder#batch}): at the batch price, within the batch window. Answers already in
 * the cache are not sent; the others go out as one batch run per candidate, sample and analyst,
 * each a {@link dev.reve.analysis.batch.BatchAnalysis} with its state file in a folder of {@code
 * directory}, so a comparison stopped after its batches were created (a crash, Ctrl-C, or the wait
 * running out) picks them up again on the next run and never creates them twice. The judge's calls
 * stay one at a time.
 *
 * <pre>{@code
 * CompareBatch batch = CompareBatch.builder(Path.of("compare-out/batches"))
 *     .pollInterval(Duration.ofMinutes(1)).timeout(Duration.ofHours(24)).build();
 * }</pre>
 *
 * @param directory where the batch runs keep their state and files while they are open
 * @param pollInterval how often unfinished batches are retrieved
 * @param timeout how long one comparison waits for its batches before it stops with {@link
 *     BatchPendingException} (the batches keep running; the next run collects them)
 * @param sleeper waits between polls
 * @param clock ends the wait
 */
public record CompareBatch(Path directory, Duration pollInterval, Duration timeout, Sleeper sleeper, Clock clock) {
  /** Default of {@link Builder#pollInterval}. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);

  /** Default of {@link Builder#timeout}: the Batch API's completion window. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

  /** Requires every part and durations above zero. */
  public CompareBatch {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(clock, "clock");
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("the batch poll interval must be above zero, not " + pollInterval);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the batch wait must be above zero, not " + timeout);
    }
  }

  /** A builder for batch runs kept in {@code directory}. */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /** Builds {@link CompareBatch}. */
  public static final class Builder {
    private final Path directory;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** How often unfinished batches are retrieved (default 30 s). */
    public Builder pollInterval(Duration value) {
      this.pollInterval = value;
      return this;
    }

    /** How long to wait for the batches before stopping (default 24 h). */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** What waits between polls (default the system's sleep). */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /** What ends the wait (default the system clock). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Builds the settings. */
    public CompareBatch build() {
      return new CompareBatch(directory, pollInterval, timeout, sleeper, clock);
    }
  }
}
