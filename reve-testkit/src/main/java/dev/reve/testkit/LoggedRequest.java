package dev.reve.testkit;

/**
 * One request in the emulator's log and what came of it.
 *
 * @param number the request's place in the log, from 1
 * @param request what was received
 * @param status the status of the emulator's own answer (for {@link Outcome#FAULTED}, the status
 *     of the injected response)
 * @param outcome whether the emulator acted and whether its answer reached the client
 */
public record LoggedRequest(int number, EmulatedRequest request, int status, Outcome outcome) {
  /** What happened to a request. */
  public enum Outcome {
    /** The emulator acted and its answer was sent as it was. */
    ANSWERED,
    /** An injected fault answered instead; the emulator did not act. */
    FAULTED,
    /** The emulator acted, then an injected fault broke or replaced the answer. */
    ANSWER_LOST
  }

  /** The request's method. */
  public String method() {
    return request.method();
  }

  /** The request's path below the API root. */
  public String path() {
    return request.path();
  }

  /**
   * Whether the emulator carried the request out successfully (status below 400), whether or not
   * the client saw the answer: an upload whose answer was lost still stored the file.
   */
  public boolean applied() {
    return outcome != Outcome.FAULTED && status < 400;
  }

  /** Whether the client received the emulator's successful answer unchanged. */
  public boolean answered() {
    return outcome == Outcome.ANSWERED && status < 400;
  }

  @Override
  public String toString() {
    return "#" + number + " " + request.summary() + " -> " + status + " " + outcome;
  }
}
