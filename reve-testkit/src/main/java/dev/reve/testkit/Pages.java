package dev.reve.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that writes lists: the plain {@code {"object":"list","data"}} of {@code GET
 * /models} and OpenAI's cursor pages ({@code limit}, {@code after}, {@code has_more}).
 */
final class Pages {
  private final boolean alwaysHasMore;

  Pages(boolean alwaysHasMore) {
    this.alwaysHasMore = alwaysHasMore;
  }

  /** Every item in one list, without paging. */
  static Map<String, Object> whole(List<Map<String, Object>> items) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("object", "list");
    list.put("data", List.copyOf(items));
    return list;
  }

  /**
   * A cursor page of {@code all} (in serving order), read from the request's {@code limit} and
   * {@code after} (the id of the last item seen).
   */
  Map<String, Object> page(List<Map<String, Object>> all, EmulatedRequest r, int defaultLimit, int maxLimit) {
    int limit = limit(r, defaultLimit, maxLimit);
    int from = Math.min(start(all, r.query("after").orElse(null)), all.size());
    int to = Math.min(all.size(), from + limit);
    List<Map<String, Object>> slice = List.copyOf(all.subList(from, to));
    Map<String, Object> page = whole(slice);
    page.put("first_id", slice.isEmpty() ? null : slice.get(0).get("id"));
    page.put("last_id", slice.isEmpty() ? null : slice.get(slice.size() - 1).get("id"));
    page.put("has_more", alwaysHasMore || to < all.size());
    return page;
  }

  private static int limit(EmulatedRequest r, int defaultLimit, int maxLimit) {
    String text = r.query("limit").orElse(null);
    if (text == null) {
      return defaultLimit;
    }
    int limit;
    try {
      limit = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw Refusal.badRequest("Invalid limit '" + text + "': expected an integer.", "limit");
    }
    if (limit < 1 || limit > maxLimit) {
      throw Refusal.badRequest("Invalid limit " + limit + ": must be 1 to " + maxLimit + ".", "limit");
    }
    return limit;
  }

  private static int start(List<Map<String, Object>> all, String after) {
    if (after == null) {
      return 0;
    }
    for (int i = 0; i < all.size(); i++) {
      if (after.equals(all.get(i).get("id"))) {
        return i + 1;
      }
    }
    // An unknown cursor gives an empty page rather than the first one again, so that a client
    // walking pages cannot loop.
    return all.size();
  }
}
