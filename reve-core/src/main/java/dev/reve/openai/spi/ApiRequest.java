package dev.reve.openai.spi;

import dev.reve.openai.call.RequestOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.RequestBody;

/**
 * One call to the API, described independently of the HTTP library: method, path relative to the
 * base URL, query, body and per-request options. Feature services build these; applications
 * rarely need to.
 */
public final class ApiRequest {
  private final String method;
  private final String path;
  private final List<String> segments;
  private final Map<String, String> query;
  private final Object jsonBody;
  private final RequestBody rawBody;
  private final Map<String, String> headers;
  private final RequestOptions options;

  private ApiRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.segments = List.copyOf(b.segments);
    this.query = Map.copyOf(b.query);
    this.jsonBody = b.jsonBody;
    this.rawBody = b.rawBody;
    this.headers = Map.copyOf(b.headers);
    this.options = b.options;
  }

  /**
   * A GET of {@code path} (relative to the base URL) followed by {@code segments}, each
   * percent-encoded as one path segment (ids may hold {@code /} or {@code :}).
   */
  public static Builder get(String path, String... segments) {
    return new Builder("GET", path, segments);
  }

  /** A POST of {@code path}. */
  public static Builder post(String path, String... segments) {
    return new Builder("POST", path, segments);
  }

  /** A DELETE of {@code path}. */
  public static Builder delete(String path, String... segments) {
    return new Builder("DELETE", path, segments);
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The path relative to the base URL, without a leading slash. */
  public String path() {
    return path;
  }

  /** Path segments appended after {@link #path()}, each encoded on its own. */
  public List<String> segments() {
    return segments;
  }

  /** Query parameters in the order they were added. */
  public Map<String, String> query() {
    return query;
  }

  /** The object to send as JSON, if any. */
  public Optional<Object> jsonBody() {
    return Optional.ofNullable(jsonBody);
  }

  /** A pre-built body (multipart uploads), if any. */
  public Optional<RequestBody> rawBody() {
    return Optional.ofNullable(rawBody);
  }

  /** Extra headers for this request. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Per-request overrides. */
  public RequestOptions options() {
    return options;
  }

  @Override
  public String toString() {
    return method + " " + path + (segments.isEmpty() ? "" : "/" + String.join("/", segments));
  }

  /** Builds an {@link ApiRequest}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final List<String> segments;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Object jsonBody;
    private RequestBody rawBody;
    private RequestOptions options = RequestOptions.NONE;

    private Builder(String method, String path, String... segments) {
      this.method = method;
      Objects.requireNonNull(path, "path");
      this.path = path.startsWith("/") ? path.substring(1) : path;
      for (String segment : segments) {
        Json.requireText(segment, "path segment");
      }
      this.segments = List.of(segments);
    }

    /** Adds a query parameter; a null value is skipped. */
    public Builder query(String name, Object value) {
      if (value != null) {
        query.put(name, String.valueOf(value));
      }
      return this;
    }

    /** Sends {@code body} as JSON (records, maps, lists). */
    public Builder jsonBody(Object body) {
      this.jsonBody = Objects.requireNonNull(body, "body");
      this.rawBody = null;
      return this;
    }

    /** Sends a pre-built body; it must be repeatable if the request may be retried. */
    public Builder body(RequestBody body) {
      this.rawBody = Objects.requireNonNull(body, "body");
      this.jsonBody = null;
      return this;
    }

    /** Adds a header for this request only. */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Sets per-request overrides. */
    public Builder options(RequestOptions requestOptions) {
      this.options = requestOptions == null ? RequestOptions.NONE : requestOptions;
      return this;
    }

    /** Builds the request. */
    public ApiRequest build() {
      return new ApiRequest(this);
    }
  }
}
