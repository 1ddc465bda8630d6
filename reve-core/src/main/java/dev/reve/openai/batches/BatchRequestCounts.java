package dev.reve.openai.batches;

/**
 * How many requests of a batch there are and how they ended so far.
 *
 * @param total the requests in the input file
 * @param completed requests answered (with any HTTP status)
 * @param failed requests that could not be run
 */
public record BatchRequestCounts(Integer total, Integer completed, Integer failed) {
  /** No counts yet. */
  public static final BatchRequestCounts NONE = new BatchRequestCounts(0, 0, 0);

  /** Normalises absent values to zero. */
  public BatchRequestCounts {
    total = dev.reve.openai.spi.Json.zero(total);
    completed = dev.reve.openai.spi.Json.zero(completed);
    failed = dev.reve.openai.spi.Json.zero(failed);
  }

  /** Requests that ended, answered or failed. */
  public int done() {
    return completed + failed;
  }
}
