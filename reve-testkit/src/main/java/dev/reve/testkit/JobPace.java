package dev.reve.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Jobs that advance by themselves as time passes on a clock, one step every {@code step}: {@code
 * validating_files → queued → running}, then one training step (a metrics event) at a time, then
 * {@code succeeded}. A paused job waits; time that passed while the emulator was stopped is caught
 * up on its next request. Without a pace (the default) jobs move only when a test says so.
 *
 * @param step the time between two steps of a job
 * @param clock the clock the steps follow (the system clock, or a test's virtual time)
 */
public record JobPace(Duration step, Clock clock) {
  /** The step of {@link #accelerated(Clock)}: with four training steps a job succeeds in about ten seconds. */
  public static final Duration ACCELERATED_STEP = Duration.ofMillis(1500);

  /** Checks the values. */
  public JobPace {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(clock, "clock");
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("a job's step must be longer than zero, got " + step);
    }
  }

  /** One step every {@link #ACCELERATED_STEP} of {@code clock}. */
  public static JobPace accelerated(Clock clock) {
    return new JobPace(ACCELERATED_STEP, clock);
  }
}
