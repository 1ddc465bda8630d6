package dev.reve.analysis.batch;

import dev.reve.analysis.AnalysisOptions;
import dev.reve.analysis.AnalystRequests;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.openai.OpenAiClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which requests an analyst's lines are built with, and which client reaches a part's batch. */
final class PartClients {
  private final DreamAnalysts analysts;
  private final AnalysisOptions options;
  private final Map<String, AnalystRequests> requests = new HashMap<>();

  PartClients(DreamAnalysts analysts, AnalysisOptions options) {
    this.analysts = analysts;
    this.options = options;
  }

  /** The requests of each analyst, in order. */
  List<AnalystRequests> of(List<String> analystIds) {
    return analystIds.stream().map(this::requestsOf).toList();
  }

  /** The requests of one analyst, made once. */
  synchronized AnalystRequests requestsOf(String analystId) {
    return requests.computeIfAbsent(analystId, id -> analysts.requests(id, options));
  }

  /**
   * The client of the part's first analyst, refused when that analyst is now served from another
   * endpoint than the one the part was sent to.
   */
  OpenAiClient clientFor(BatchPart part) {
    OpenAiClient client = requestsOf(part.analysts().get(0)).client();
    if (!client.baseUrl().toString().equals(part.endpoint())) {
      throw new BatchStateConflictException(
          "Part " + part.id() + " was sent to " + part.endpoint() + " but analyst " + part.analysts().get(0)
              + " is now served by " + client.baseUrl() + "; restore the endpoint setting to reach its batch");
    }
    return client;
  }
}
