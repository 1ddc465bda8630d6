package dev.reve.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;

/** The faults injected into an {@link OpenAiEmulator}, from {@link OpenAiEmulator#faults()}. Thread-safe. */
public final class EmulatedFaults {
  private final EmulatorState state;
  private final List<FaultHandle> faults = new ArrayList<>();

  EmulatedFaults(EmulatorState state) {
    this.state = state;
  }

  /**
   * Adds a fault. A request meets at most one fault: the first, in the order added, whose
   * predicate matches and whose skip is used up. A fault's skip counts every matching request,
   * including those another fault took.
   */
  public FaultHandle inject(FaultSpec spec) {
    FaultHandle handle = new FaultHandle(Objects.requireNonNull(spec, "spec"));
    synchronized (state.lock) {
      faults.add(handle);
    }
    return handle;
  }

  /** The next {@code times} requests matching {@code which} get {@code response}, and nothing is done. */
  public FaultHandle failNext(Predicate<EmulatedRequest> which, int times, MockResponse response) {
    return inject(FaultSpec.on(which).times(times).respond(response));
  }

  /** The next {@code times} requests matching {@code which} are carried out, then their answers lost. */
  public FaultHandle loseNextAnswers(Predicate<EmulatedRequest> which, int times, AnswerLoss loss) {
    return inject(FaultSpec.on(which).times(times).afterActing(loss));
  }

  /** Removes every fault. */
  public void clear() {
    synchronized (state.lock) {
      faults.forEach(FaultHandle::cancel);
      faults.clear();
    }
  }

  /** The fault that takes {@code request}, or null; counts the request off every matching fault. */
  FaultHandle take(EmulatedRequest request) {
    synchronized (state.lock) {
      faults.removeIf(FaultHandle::spent);
      FaultHandle taken = null;
      for (FaultHandle fault : faults) {
        if (fault.spec().which().test(request) && fault.see(taken == null)) {
          taken = fault;
        }
      }
      return taken;
    }
  }
}
