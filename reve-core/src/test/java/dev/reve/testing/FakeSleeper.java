package dev.reve.testing;

import dev.reve.openai.call.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every wait and returns at once, moving a {@link FakeClock} forward when given one. */
public final class FakeSleeper implements Sleeper {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final FakeClock clock;

  /** A sleeper that only records. */
  public FakeSleeper() {
    this(null);
  }

  /** A sleeper that records and advances {@code clock}. */
  public FakeSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    if (clock != null) {
      clock.advance(duration);
    }
  }

  /** The waits so far, in order. */
  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}
