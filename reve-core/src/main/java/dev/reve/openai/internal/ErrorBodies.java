package dev.reve.openai.internal;

import dev.reve.openai.spi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.reve.openai.error.ApiError;
import java.util.Map;
import java.util.Optional;

/** Reads error details from whatever a server or proxy sent back. */
public final class ErrorBodies {
  private static final JsonAdapter<Map<String, Object>> MAP =
      Json.MAP;
  private static final int SNIPPET = 200;

  private ErrorBodies() {}

  /**
   * OpenAI's {@code {"error":{...}}}, a bare {@code {"error":"..."}}, RFC 7807 problem JSON, a
   * {@code {"message":...}} object, an HTML page (its title) or plain text (its start).
   */
  public static ApiError parse(String body) {
    if (body == null || body.isBlank()) {
      return ApiError.ofMessage(null);
    }
    String trimmed = body.strip();
    if (trimmed.startsWith("{")) {
      try {
        Map<String, Object> map = MAP.fromJson(trimmed);
        if (map != null) {
          ApiError parsed = fromMap(map);
          if (parsed != null) {
            return parsed;
          }
        }
      } catch (Exception notJson) {
        // fall through to the text forms
      }
    }
    Optional<String> title = htmlTitle(trimmed);
    if (title.isPresent()) {
      return ApiError.ofMessage("non-JSON error page: " + collapse(title.get()));
    }
    return ApiError.ofMessage("non-JSON error body: " + snippet(trimmed));
  }

  /**
   * The text of the first {@code <title ...>...</title>}, found in one pass: each search starts
   * where the last one ended, so a page of unclosed tags costs linear time, not quadratic.
   */
  static Optional<String> htmlTitle(String page) {
    int open = indexOfIgnoreCase(page, "<title", 0);
    if (open < 0) {
      return Optional.empty();
    }
    int start = page.indexOf('>', open);
    if (start < 0) {
      return Optional.empty();
    }
    int end = indexOfIgnoreCase(page, "</title>", start + 1);
    return end < 0 ? Optional.empty() : Optional.of(page.substring(start + 1, end));
  }

  private static int indexOfIgnoreCase(String text, String needle, int from) {
    for (int i = from; i + needle.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }

  private static ApiError fromMap(Map<String, Object> map) {
    Object error = map.get("error");
    if (error instanceof Map<?, ?> e) {
      return new ApiError(
          text(e.get("message")), text(e.get("type")), text(e.get("code")), text(e.get("param")));
    }
    if (error instanceof String s) {
      return new ApiError(Optional.of(s), text(map.get("type")), text(map.get("code")), null);
    }
    if (map.containsKey("title") || map.containsKey("detail")) {
      String title = text(map.get("title")).orElse("");
      String detail = text(map.get("detail")).orElse("");
      String message = title.isEmpty() ? detail : detail.isEmpty() ? title : title + ": " + detail;
      return new ApiError(Optional.of(message), text(map.get("type")), null, null);
    }
    if (map.containsKey("message")) {
      return new ApiError(text(map.get("message")), text(map.get("type")), text(map.get("code")), null);
    }
    return null;
  }

  private static Optional<String> text(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return Optional.of(String.valueOf(d.longValue()));
    }
    return Optional.of(String.valueOf(value));
  }

  /** The start of a body, whitespace collapsed, for messages. */
  public static String snippet(String body) {
    if (body == null) {
      return "";
    }
    String collapsed = collapse(body);
    return collapsed.length() <= SNIPPET ? collapsed : collapsed.substring(0, SNIPPET) + "...";
  }

  private static String collapse(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
