package dev.reve.openai.call;

import java.time.Duration;

/** Waits between retries; tests inject one that records the waits and returns at once. */
@FunctionalInterface
public interface Sleeper {
  /** The real sleeper, backed by {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = duration -> Thread.sleep(Math.max(0, duration.toMillis()));

  /** Waits for the duration; throws when the thread is interrupted. */
  void sleep(Duration duration) throws InterruptedException;
}
