package dev.reve.testkit;

import dev.reve.openai.call.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Time that passes only when something waits: a {@link Clock} and a {@link Sleeper} in one. Each
 * {@link #sleep} is recorded and moves the clock forward at once, so retries and polling loops
 * run without real waiting and their waits can be asserted. Thread-safe.
 */
public final class VirtualTime extends Clock implements Sleeper {
  /** Where {@link #VirtualTime()} starts: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private volatile Instant now;

  /** Time starting at {@link #DEFAULT_START}, for tests that only count waits. */
  public VirtualTime() {
    this(DEFAULT_START);
  }

  /** Time starting at {@code start}. */
  public VirtualTime(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** Records the wait and moves the clock forward by it; never blocks. */
  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    advance(duration);
  }

  /** Moves the clock forward without recording a wait. */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward; got " + duration);
    }
    now = now.plus(duration);
  }

  /** Every wait so far, in order. */
  public List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** The sum of the waits so far. */
  public Duration waited() {
    return waits.stream().reduce(Duration.ZERO, Duration::plus);
  }

  /** The current instant. */
  @Override
  public Instant instant() {
    return now;
  }

  /** Always UTC. */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock: virtual time has one zone, UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "VirtualTime[" + now + ", " + waits.size() + " waits]";
  }
}
