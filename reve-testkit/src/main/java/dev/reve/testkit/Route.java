package dev.reve.testkit;

import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;

/**
 * The endpoints of one resource. To emulate a new resource, write one class that implements this
 * and add it to the list {@link OpenAiEmulator} gives its {@link Router}: the router checks the
 * URL and the key, answers unknown paths 404 and turns a thrown {@link Refusal} into OpenAI's
 * error; bodies come from {@link WireShapes}, lists from {@link Pages}.
 */
interface Route {
  /** The path below {@code /v1/} this route serves, such as {@code files} or {@code fine_tuning/jobs}. */
  String prefix();

  /**
   * The answer to {@code request}, whose path segments after {@link #prefix()} are {@code rest};
   * empty when the resource has no such endpoint. Throws {@link Refusal} to answer an error.
   */
  Optional<MockResponse> answer(EmulatedRequest request, List<String> rest);

  /** A 200 answer with this JSON body. */
  static Optional<MockResponse> ok(Object body) {
    return Optional.of(Replies.json(200, body));
  }
}
