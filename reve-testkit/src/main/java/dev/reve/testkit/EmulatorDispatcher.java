package dev.reve.testkit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Applies faults around the emulator's routes and writes the request log. */
final class EmulatorDispatcher extends Dispatcher {
  private final OpenAiEmulator emulator;
  private final Routes routes;

  EmulatorDispatcher(OpenAiEmulator emulator) {
    this.emulator = emulator;
    this.routes = new Routes(emulator);
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    EmulatedRequest request = EmulatedRequest.of(recorded);
    FaultHandle fault = emulator.takeFault(request);
    if (fault != null && !fault.spec().actsFirst()) {
      MockResponse refused = fault.spec().refuse(request);
      emulator.record(request, refused.getCode(), Exchange.Outcome.FAULTED);
      return refused;
    }
    MockResponse answer = routes.handle(request);
    if (fault == null) {
      emulator.record(request, answer.getCode(), Exchange.Outcome.ANSWERED);
      return answer;
    }
    MockResponse broken = fault.spec().breakAnswer(request, answer);
    emulator.record(request, answer.getCode(), Exchange.Outcome.ANSWER_LOST);
    return broken;
  }
}
