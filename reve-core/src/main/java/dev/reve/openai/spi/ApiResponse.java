package dev.reve.openai.spi;

import dev.reve.openai.call.ResponseMetadata;
import java.util.Objects;

/**
 * A parsed response body and the metadata of the exchange that produced it.
 *
 * @param body the parsed body
 * @param metadata status, request id, rate limits, attempts
 * @param <T> the body type
 */
public record ApiResponse<T>(T body, ResponseMetadata metadata) {
  /** Requires both parts. */
  public ApiResponse {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(metadata, "metadata");
  }
}
