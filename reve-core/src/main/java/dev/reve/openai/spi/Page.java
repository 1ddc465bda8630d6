package dev.reve.openai.spi;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Optional;

/**
 * One page of a cursor-paged list, as OpenAI sends it.
 *
 * @param data the items on this page
 * @param hasMore whether the server says more items follow
 * @param firstId id of the first item, when the server sends it
 * @param lastId id of the last item, when the server sends it; pass it as {@code after}
 * @param <T> the item type
 */
public record Page<T>(
    List<T> data,
    @Json(name = "has_more") Boolean hasMore,
    @Json(name = "first_id") Optional<String> firstId,
    @Json(name = "last_id") Optional<String> lastId) {

  /** Normalises absent values. */
  public Page {
    hasMore = hasMore != null && hasMore;
  }

  /** Whether the server says more items follow. */
  public boolean more() {
    return hasMore;
  }
}
