package dev.reve.analysis.batch;

import java.util.Optional;

/**
 * What a batch analysis will cost at the batch price, estimated before anything is sent: prompt
 * tokens as counted, completion tokens at their upper bound ({@code max_completion_tokens} per
 * request), so the cost is a ceiling.
 *
 * @param requests request lines
 * @param promptTokens prompt tokens over all lines
 * @param maxCompletionTokens the most completion tokens the lines may produce
 * @param usd the ceiling in US dollars; empty when a model's batch price is unknown
 * @param unpricedModels models without a known batch price
 */
public record BatchCostEstimate(
    Long requests, Long promptTokens, Long maxCompletionTokens, Optional<Double> usd,
    java.util.List<String> unpricedModels) {
  /** Normalises absent values. */
  public BatchCostEstimate {
    requests = dev.reve.openai.spi.Json.zero(requests);
    promptTokens = dev.reve.openai.spi.Json.zero(promptTokens);
    maxCompletionTokens = dev.reve.openai.spi.Json.zero(maxCompletionTokens);
    unpricedModels = dev.reve.openai.spi.Json.list(unpricedModels);
  }

  /** One line for people. */
  public String summary() {
    return requests + " requests, " + promptTokens + " prompt tokens, up to " + maxCompletionTokens
        + " completion tokens; " + usd.map(u -> String.format(java.util.Locale.ROOT, "at most $%.4f at the batch price", u))
            .orElse("cost unknown (no batch price for " + String.join(", ", unpricedModels) + ")");
  }
}
