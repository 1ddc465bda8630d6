package dev.reve.testkit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;

/**
 * The HTTP side of the emulator: checks what every endpoint checks (the {@code /v1/} root, the
 * key), hands the request to the {@link Route} of its resource and stamps a request id. Faults
 * are applied around it by {@link EmulatorDispatcher}.
 */
final class Router {
  private final EmulatorState state;
  private final List<Route> routes;

  Router(EmulatorState state, List<Route> routes) {
    this.state = state;
    // Longest prefix first, so that "fine_tuning/jobs" wins over a route for "fine_tuning".
    this.routes = routes.stream()
        .sorted(Comparator.comparingInt((Route r) -> r.prefix().split("/").length).reversed())
        .toList();
  }

  /** The answer to {@code request}; never throws. */
  MockResponse handle(EmulatedRequest request) {
    MockResponse response;
    try {
      response = route(request);
    } catch (Refusal refusal) {
      response = refusal.response();
    } catch (RuntimeException e) {
      response = Replies.json(500, WireShapes.error("The emulator failed on " + request.method() + " "
          + request.path() + ": " + e, "server_error", null, null));
    }
    if (response.getHeaders().get("x-request-id") == null) {
      response = Replies.withRequestId(response, state.nextRequestId());
    }
    return response;
  }

  private MockResponse route(EmulatedRequest r) {
    if (!r.url().encodedPath().startsWith("/v1/") && !r.url().encodedPath().equals("/v1")) {
      throw invalidUrl(r);
    }
    if (state.requireApiKey && !hasBearer(r)) {
      throw new Refusal(401, "You didn't provide an API key. You need to provide your API key in an"
          + " Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, null);
    }
    if (state.checkedKey != null && !state.checkedKey.equals(sentKey(r))) {
      // Unlike OpenAI, the message does not echo any part of the key that was sent.
      throw new Refusal(401, "Incorrect API key provided. You can find your API key at"
          + " https://platform.openai.com/account/api-keys.", null, "invalid_api_key");
    }
    List<String> segments = List.of(r.path().split("/"));
    for (Route route : routes) {
      List<String> prefix = List.of(route.prefix().split("/"));
      if (segments.size() >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix)) {
        Optional<MockResponse> answer = route.answer(r, segments.subList(prefix.size(), segments.size()));
        if (answer.isPresent()) {
          return answer.get();
        }
      }
    }
    throw invalidUrl(r);
  }

  /** The key sent: Azure OpenAI's {@code api-key} header when present, else the bearer token. */
  private static String sentKey(EmulatedRequest r) {
    String azure = r.headers().get("api-key");
    if (azure != null && !azure.isBlank()) {
      return azure.strip();
    }
    String auth = r.headers().get("Authorization");
    return auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : "";
  }

  private static boolean hasBearer(EmulatedRequest r) {
    String auth = r.headers().get("Authorization");
    if (r.headers().get("api-key") != null && !r.headers().get("api-key").isBlank()) {
      return true; // Azure OpenAI's header
    }
    return auth != null && auth.startsWith("Bearer ") && !auth.substring(7).isBlank();
  }

  private static Refusal invalidUrl(EmulatedRequest r) {
    return new Refusal(404, "Invalid URL (" + r.method() + " " + r.url().encodedPath() + ")", null, null);
  }
}
