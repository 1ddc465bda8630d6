package dev.reve.testkit;

import java.util.ArrayList;
import java.util.List;
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
    }
  }
}
