package dev.reve.openai.internal;

import dev.reve.openai.call.AuthStyle;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.spi.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.ByteString;

/** Turns an {@link ApiRequest} into an OkHttp request: URL, default headers, key, body. */
final class HttpRequests {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private static final int MAX_CACHED_URLS = 64;

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final Headers defaults;
  private final HttpLog log;
  private final ConcurrentHashMap<String, HttpUrl> urls = new ConcurrentHashMap<>();

  HttpRequests(
      OkHttpClient http, HttpUrl baseUrl, String apiKey, AuthStyle authStyle, Map<String, String> headers, HttpLog log) {
    this.http = http;
    this.baseUrl = baseUrl;
    // Built once: every request starts from these instead of copying them header by header.
    Headers.Builder defaults = new Headers.Builder();
    headers.forEach(defaults::set);
    if (apiKey != null && authStyle == AuthStyle.API_KEY) {
      defaults.set("api-key", apiKey);
    } else if (apiKey != null) {
      defaults.set("Authorization", "Bearer " + apiKey);
    }
    this.defaults = defaults.build();
    this.log = log;
  }

  /** The client with this request's read and write timeouts. */
  OkHttpClient clientFor(RequestOptions options) {
    if (options.readTimeout().isEmpty() && options.writeTimeout().isEmpty()) {
      return http;
    }
    OkHttpClient.Builder b = http.newBuilder();
    options.readTimeout().ifPresent(b::readTimeout);
    options.writeTimeout().ifPresent(b::writeTimeout);
    return b.build();
  }

  Request toHttp(ApiRequest request) {
    Request.Builder b = new Request.Builder().url(url(request)).headers(defaults);
    boolean accept = false;
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
      accept |= h.getKey().equalsIgnoreCase("Accept");
    }
    if (!accept) {
      b.header("Accept", "application/json");
    }
    RequestBody body = null;
    if (request.jsonBody().isPresent()) {
      // Serialised once into bytes, sent as they are by every attempt.
      ByteString json = Json.toJsonBytes(request.jsonBody().get());
      if (HttpLog.LOG.isTraceEnabled()) {
        log.traceBody("request", json.utf8());
      }
      body = RequestBody.create(json, JSON);
    } else if (request.rawBody().isPresent()) {
      body = request.rawBody().get();
    } else if (!"GET".equals(request.method()) && !"DELETE".equals(request.method())) {
      body = RequestBody.create(new byte[0], null);
    }
    Request built = b.method(request.method(), body).build();
    if (HttpLog.LOG.isTraceEnabled()) {
      HttpLog.LOG.trace(
          "{} {} headers: {}", built.method(), built.url(), HttpLog.redactedHeaders(built.headers()));
    }
    return built;
  }

  /** The request's URL; a path without segments or query resolves once and is reused. */
  private HttpUrl url(ApiRequest request) {
    boolean plain = request.segments().isEmpty() && request.query().isEmpty();
    if (plain) {
      HttpUrl cached = urls.get(request.path());
      if (cached != null) {
        return cached;
      }
    }
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(request.path());
    request.segments().forEach(url::addPathSegment);
    request.query().forEach(url::addQueryParameter);
    HttpUrl built = url.build();
    if (plain && urls.size() < MAX_CACHED_URLS) {
      urls.putIfAbsent(request.path(), built);
    }
    return built;
  }
}
