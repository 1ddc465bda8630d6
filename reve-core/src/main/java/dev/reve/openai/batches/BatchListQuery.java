package dev.reve.openai.batches;

import java.util.Optional;

/**
 * Paging for {@code GET batches}, newest first.
 *
 * @param limit items per page, 1 to 100 (the server's default is 20)
 * @param after the id after which to start (a page's {@code last_id})
 */
public record BatchListQuery(Optional<Integer> limit, Optional<String> after) {
  /** Pages of 100. */
  public static final BatchListQuery DEFAULT = new BatchListQuery(Optional.of(100), Optional.empty());

  /** Checks the bounds. */
  public BatchListQuery {
    limit = dev.reve.openai.spi.Json.opt(limit);
    limit.ifPresent(l -> {
      if (l < 1 || l > 100) {
        throw new IllegalArgumentException("limit must be from 1 to 100, was " + l);
      }
    });
    after = dev.reve.openai.spi.Json.opt(after);
  }

  /** A copy with another page size. */
  public BatchListQuery withLimit(int value) {
    return new BatchListQuery(Optional.of(value), after);
  }

  /** A copy starting after {@code batchId}. */
  public BatchListQuery withAfter(String batchId) {
    return new BatchListQuery(limit, Optional.ofNullable(batchId));
  }
}
