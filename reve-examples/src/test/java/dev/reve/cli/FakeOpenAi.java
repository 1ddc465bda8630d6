package dev.reve.cli;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Routes requests by method and path, so that the analysts' background model lookups and
 * concurrent requests cannot take each other's responses. Chat answers are queued per model; a
 * model with nothing queued answers 404 {@code model_not_found}, as OpenAI does for a retired
 * fine-tune.
 */
final class FakeOpenAi extends Dispatcher {
  private static final Moshi MOSHI = new Moshi.Builder().build();

  private final Map<String, Deque<MockResponse>> chat = new ConcurrentHashMap<>();
  private final Map<String, Function<RecordedRequest, MockResponse>> routes = new LinkedHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  static FakeOpenAi on(MockWebServer server) {
    FakeOpenAi fake = new FakeOpenAi();
    server.setDispatcher(fake);
    return fake;
  }

  /** Queues a finished answer from {@code model}. */
  FakeOpenAi answer(String model, String text) {
    return chat(model, Responses.ok(Responses.completion(model, text, null, "stop"), "req-" + model));
  }

  /** Queues any response for a chat request to {@code model}. */
  FakeOpenAi chat(String model, MockResponse response) {
    chat.computeIfAbsent(model, k -> new ArrayDeque<>()).add(response);
    return this;
  }

  /** Answers {@code METHOD /v1/path...} (prefix match) with {@code handler}. */
  synchronized FakeOpenAi route(String methodAndPathPrefix, Function<RecordedRequest, MockResponse> handler) {
    routes.put(methodAndPathPrefix, handler);
    return this;
  }

  /** Every request so far, in arrival order. */
  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The chat requests so far. */
  List<RecordedRequest> chatRequests() {
    return requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("/chat/completions")).toList();
  }

  /** The JSON body of a request as a map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> body(RecordedRequest request) {
    try {
      return (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(request.getBody().utf8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    String path = request.getUrl().encodedPath();
    String key = request.getMethod() + " " + path;
    List<Map.Entry<String, Function<RecordedRequest, MockResponse>>> candidates;
    synchronized (this) {
      candidates = new ArrayList<>(routes.entrySet());
    }
    // Longest matching prefix wins.
    candidates.sort((a, b) -> b.getKey().length() - a.getKey().length());
    for (Map.Entry<String, Function<RecordedRequest, MockResponse>> route : candidates) {
      if (key.startsWith(route.getKey())) {
        return route.getValue().apply(request);
      }
    }
    if (key.equals("POST /v1/chat/completions")) {
      String model = String.valueOf(body(request).get("model"));
      Deque<MockResponse> queue = chat.get(model);
      MockResponse next = queue == null ? null : queue.poll();
      return next != null ? next : Responses.modelNotFound(model);
    }
    if (key.startsWith("GET /v1/models/")) {
      String id = path.substring("/v1/models/".length());
      return Responses.ok("{\"id\":\"" + id + "\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\"}", "req-model");
    }
    return new MockResponse.Builder().code(404)
        .body("{\"error\":{\"message\":\"no route for " + key + "\"}}").build();
  }
}
