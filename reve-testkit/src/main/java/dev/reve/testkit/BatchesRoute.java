package dev.reve.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockResponse;

/** Creating, listing, retrieving and cancelling batches under {@code /batches}. */
final class BatchesRoute implements Route {
  private static final Set<String> ENDPOINTS = Set.of("/v1/responses", "/v1/chat/completions", "/v1/embeddings",
      "/v1/completions", "/v1/moderations", "/v1/images/generations", "/v1/images/edits", "/v1/videos");
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final EmulatedBatches batches;
  private final Pages pages;

  BatchesRoute(EmulatedBatches batches, Pages pages) {
    this.batches = batches;
    this.pages = pages;
  }

  @Override
  public String prefix() {
    return "batches";
  }

  @Override
  public Optional<MockResponse> answer(EmulatedRequest r, List<String> rest) {
    String method = r.method();
    if (rest.isEmpty()) {
      return switch (method) {
        case "POST" -> Route.ok(batches.wire(create(r).id()));
        case "GET" -> Route.ok(pages.page(batches.wireAll(), r, DEFAULT_LIMIT, MAX_LIMIT));
        default -> Optional.empty();
      };
    }
    String id = rest.get(0);
    if (rest.size() == 1 && method.equals("GET")) {
      batches.wire(id);
      batches.retrieved(id);
      return Route.ok(batches.wire(id));
    }
    if (rest.size() == 2 && rest.get(1).equals("cancel") && method.equals("POST")) {
      batches.cancel(id);
      return Route.ok(batches.wire(id));
    }
    return Optional.empty();
  }

  private StoredBatch create(EmulatedRequest r) {
    Map<String, Object> json = r.json();
    if (json.isEmpty()) {
      throw Refusal.badRequest("We could not parse the JSON body of your request.", null);
    }
    String input = JsonSupport.string(json, "input_file_id").orElseThrow(() -> Refusal.missing("input_file_id"));
    String endpoint = JsonSupport.string(json, "endpoint").orElseThrow(() -> Refusal.missing("endpoint"));
    if (!ENDPOINTS.contains(endpoint)) {
      throw Refusal.badRequest("Invalid endpoint '" + endpoint + "'.", "endpoint");
    }
    String window = JsonSupport.string(json, "completion_window")
        .orElseThrow(() -> Refusal.missing("completion_window"));
    if (!window.equals("24h")) {
      throw Refusal.badRequest("Invalid completion_window '" + window + "': only '24h' is supported.",
          "completion_window");
    }
    Map<String, String> metadata = r.metadata();
    if (metadata.size() > 16) {
      throw Refusal.badRequest("metadata holds at most 16 pairs.", "metadata");
    }
    return batches.create(endpoint, input, window, metadata);
  }
}
