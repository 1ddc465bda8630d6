package dev.reve.testkit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Applies faults around the emulator's router and writes the request log. */
final class EmulatorDispatcher extends Dispatcher {
  private final EmulatedFaults faults;
  private final RequestLog log;
  private final Router router;
  private final Runnable beforeEach;
  private final Runnable afterEach;

  EmulatorDispatcher(EmulatedFaults faults, RequestLog log, Router router, Runnable beforeEach, Runnable afterEach) {
    this.faults = faults;
    this.log = log;
    this.router = router;
    this.beforeEach = beforeEach;
    this.afterEach = afterEach;
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    beforeEach.run();
    try {
      return answer(recorded);
    } finally {
      afterEach.run();
    }
  }

  private MockResponse answer(RecordedRequest recorded) {
    EmulatedRequest request = EmulatedRequest.of(recorded);
    FaultHandle fault = faults.take(request);
    if (fault != null && !fault.spec().actsFirst()) {
      MockResponse refused = fault.spec().refuse(request);
      log.add(request, refused.getCode(), LoggedRequest.Outcome.FAULTED);
      return refused;
    }
    MockResponse answer = router.handle(request);
    if (fault == null) {
      log.add(request, answer.getCode(), LoggedRequest.Outcome.ANSWERED);
      return answer;
    }
    MockResponse broken = fault.spec().breakAnswer(request, answer);
    log.add(request, answer.getCode(), LoggedRequest.Outcome.ANSWER_LOST);
    return broken;
  }
}
