package dev.reve.testkit;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;

/**
 * Which requests meet a fault and what they meet: either a response in place of the emulator's
 * work (the request is refused, nothing changes), or an {@link AnswerLoss} after the work is done.
 * Immutable; hand it to {@link EmulatedFaults#inject}.
 *
 * <pre>{@code
 * emulator.inject(FaultSpec.on(Requests.to("POST", "files"))
 *     .skip(1)                                  // the first upload goes through
 *     .times(3)                                 // the next three meet the fault
 *     .respond(Replies.serverError()));
 * }</pre>
 */
public final class FaultSpec {
  private final Predicate<EmulatedRequest> which;
  private final int skip;
  private final int times;
  private final Function<EmulatedRequest, MockResponse> refusal;
  private final AnswerLoss loss;

  private FaultSpec(
      Predicate<EmulatedRequest> which,
      int skip,
      int times,
      Function<EmulatedRequest, MockResponse> refusal,
      AnswerLoss loss) {
    this.which = which;
    this.skip = skip;
    this.times = times;
    this.refusal = refusal;
    this.loss = loss;
  }

  /**
   * A fault for the next matching request, answered with a 500 until {@link #respond} or {@link
   * #afterActing} says otherwise.
   */
  public static FaultSpec on(Predicate<EmulatedRequest> which) {
    return new FaultSpec(Objects.requireNonNull(which, "which"), 0, 1, r -> Replies.serverError(), null);
  }

  /** Lets the first {@code count} matching requests through untouched. */
  public FaultSpec skip(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("skip must be 0 or more, got " + count);
    }
    return new FaultSpec(which, count, times, refusal, loss);
  }

  /** How many matching requests meet the fault; {@link Integer#MAX_VALUE} until cancelled. */
  public FaultSpec times(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("times must be 1 or more, got " + count);
    }
    return new FaultSpec(which, skip, count, refusal, loss);
  }

  /** Matching requests get {@code response}; the emulator does not act on them. */
  public FaultSpec respond(MockResponse response) {
    Objects.requireNonNull(response, "response");
    return respond(r -> response);
  }

  /**
   * Matching requests get the response {@code response} builds when each arrives (so that, for
   * example, an HTTP-date in {@code Retry-After} is relative to that moment); the emulator does
   * not act on them.
   */
  public FaultSpec respond(Function<EmulatedRequest, MockResponse> response) {
    return new FaultSpec(which, skip, times, Objects.requireNonNull(response, "response"), null);
  }

  /** The emulator acts on matching requests, then {@code loss} breaks the answer. */
  public FaultSpec afterActing(AnswerLoss loss) {
    return new FaultSpec(which, skip, times, null, Objects.requireNonNull(loss, "loss"));
  }

  Predicate<EmulatedRequest> which() {
    return which;
  }

  int skipCount() {
    return skip;
  }

  int timesCount() {
    return times;
  }

  boolean actsFirst() {
    return loss != null;
  }

  MockResponse refuse(EmulatedRequest request) {
    return refusal.apply(request);
  }

  MockResponse breakAnswer(EmulatedRequest request, MockResponse answer) {
    return loss.breakAnswer(request, answer);
  }

  @Override
  public String toString() {
    return "FaultSpec{skip=" + skip + ", times=" + (times == Integer.MAX_VALUE ? "until cancelled" : times)
        + ", " + (loss != null ? "after acting" : "instead of acting") + "}";
  }
}
