package dev.reve.openai.batches;

import com.squareup.moshi.Json;

/**
 * Tokens a batch used, for batches that report it.
 *
 * @param inputTokens prompt tokens over all requests
 * @param outputTokens completion tokens over all requests
 * @param totalTokens both
 */
public record BatchUsage(
    @Json(name = "input_tokens") Long inputTokens,
    @Json(name = "output_tokens") Long outputTokens,
    @Json(name = "total_tokens") Long totalTokens) {
  /** Normalises absent values to zero. */
  public BatchUsage {
    inputTokens = dev.reve.openai.spi.Json.zero(inputTokens);
    outputTokens = dev.reve.openai.spi.Json.zero(outputTokens);
    totalTokens = dev.reve.openai.spi.Json.zero(totalTokens);
  }
}
