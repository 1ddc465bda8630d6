package dev.reve.conformance.support;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Answers requests in order from a script of responses built at the moment each request arrives
 * (so an HTTP-date is relative to the clock at that moment). Past the end of the script it
 * answers 418, which no test expects: an extra attempt shows up as a failure.
 */
public final class ScriptedDispatcher extends Dispatcher {
  private final Queue<Supplier<MockResponse>> script = new ConcurrentLinkedQueue<>();

  /** Appends a response to the script. */
  public ScriptedDispatcher then(Supplier<MockResponse> response) {
    script.add(response);
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Supplier<MockResponse> next = script.poll();
    if (next == null) {
      return new MockResponse.Builder()
          .code(418)
          .body(Bodies.error("unexpected extra request " + request.getRequestLine(), "test", null))
          .build();
    }
    return next.get();
  }
}
