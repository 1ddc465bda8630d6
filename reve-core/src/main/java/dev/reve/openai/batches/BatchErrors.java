package dev.reve.openai.batches;

import java.util.List;

/**
 * The {@code errors} list of a batch whose input was refused.
 *
 * @param data the errors
 */
public record BatchErrors(List<BatchError> data) {
  /** Normalises absent values. */
  public BatchErrors {
    data = dev.reve.openai.spi.Json.list(data);
  }
}
