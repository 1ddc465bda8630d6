package dev.reve.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Every request an {@link OpenAiEmulator} received and what came of it, from {@link
 * OpenAiEmulator#requests()}. Thread-safe.
 */
public final class RequestLog {
  private final EmulatorState state;
  private final List<LoggedRequest> log = new ArrayList<>();
  private int limit;
  private int count;

  RequestLog(EmulatorState state) {
    this.state = state;
  }

  /** Every request so far, in arrival order, with what came of it. */
  public List<LoggedRequest> all() {
    synchronized (state.lock) {
      return List.copyOf(log);
    }
  }

  /** The entries for requests matching {@code which}, in arrival order. */
  public List<LoggedRequest> matching(Predicate<EmulatedRequest> which) {
    return all().stream().filter(e -> which.test(e.request())).toList();
  }

  /**
   * The requests matching {@code which} that the emulator carried out successfully, whether or not
   * the answer reached the client: "exactly one upload per analyst" is {@code
   * applied(Requests.uploadNamed("jung")).size() == 1}.
   */
  public List<LoggedRequest> applied(Predicate<EmulatedRequest> which) {
    return matching(which).stream().filter(LoggedRequest::applied).toList();
  }

  /** Every request received so far, in arrival order. */
  public List<EmulatedRequest> received() {
    return all().stream().map(LoggedRequest::request).toList();
  }

  /** The requests received matching {@code which}, in arrival order. */
  public List<EmulatedRequest> received(Predicate<EmulatedRequest> which) {
    return received().stream().filter(which).toList();
  }

  /**
   * Waits until at least {@code count} requests matching {@code which} are in the log (those
   * already there count) and returns them, for a test whose client runs in another thread or
   * process: it wakes on each arrival instead of polling.
   *
   * @throws IllegalStateException when {@code timeout} passes first, saying how many arrived
   */
  public List<EmulatedRequest> awaitReceived(Predicate<EmulatedRequest> which, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (state.lock) {
      while (true) {
        List<EmulatedRequest> found =
            log.stream().map(LoggedRequest::request).filter(which).toList();
        if (found.size() >= count) {
          return found;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "waited " + timeout + " for " + count + " matching requests; " + found.size() + " arrived");
        }
        TimeUnit.NANOSECONDS.timedWait(state.lock, left);
      }
    }
  }

  /** Empties the log. */
  public void clear() {
    synchronized (state.lock) {
      log.clear();
    }
  }

  /** Keeps only the latest {@code max} entries (0: all), for an emulator that serves for long. */
  void limit(int max) {
    synchronized (state.lock) {
      limit = max;
    }
  }

  void add(EmulatedRequest request, int status, LoggedRequest.Outcome outcome) {
    synchronized (state.lock) {
      count++;
      log.add(new LoggedRequest(count, request, status, outcome));
      if (limit > 0 && log.size() > limit) {
        log.remove(0);
      }
      state.lock.notifyAll();
    }
  }
}
