package dev.reve.testkit;

/** An injected fault: how often it struck, and a way to stop it. Thread-safe. */
public final class FaultHandle {
  private final FaultSpec spec;
  private int toSkip;
  private int remaining;
  private int served;

  FaultHandle(FaultSpec spec) {
    this.spec = spec;
    this.toSkip = spec.skipCount();
    this.remaining = spec.timesCount();
  }

  FaultSpec spec() {
    return spec;
  }

  /**
   * Sees a matching request: counts it off the skip, or, when the fault is due and {@code free}
   * (no earlier fault took the request), takes it. Called under the emulator's lock, in the order
   * requests arrive.
   */
  synchronized boolean see(boolean free) {
    if (remaining == 0) {
      return false;
    }
    if (toSkip > 0) {
      toSkip--;
      return false;
    }
    if (!free) {
      return false;
    }
    remaining--;
    served++;
    return true;
  }

  /** How many requests met this fault. */
  public synchronized int served() {
    return served;
  }

  /** How many more matching requests will meet it. */
  public synchronized int remaining() {
    return remaining;
  }

  /** Whether it will strike no more. */
  public synchronized boolean spent() {
    return remaining == 0;
  }

  /** Stops the fault: later requests go through (the server "heals"). */
  public synchronized void cancel() {
    remaining = 0;
  }

  @Override
  public synchronized String toString() {
    return spec + " served " + served + ", " + remaining + " to go";
  }
}
