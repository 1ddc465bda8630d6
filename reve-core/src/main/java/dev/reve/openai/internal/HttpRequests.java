package dev.reve.openai.internal;

import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.spi.Json;
import java.util.Map;
import dev.reve.openai.call.AuthStyle;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Turns an {@link ApiRequest} into an OkHttp request: URL, default headers, key, body. */
final class HttpRequests {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final String apiKey;
  private final AuthStyle authStyle;
  private final Map<String, String> headers;
  private final HttpLog log;

  HttpRequests(
      OkHttpClient http, HttpUrl baseUrl, String apiKey, AuthStyle authStyle, Map<String, String> headers, HttpLog log) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.authStyle = authStyle;
    this.headers = Map.copyOf(headers);
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
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(request.path());
    request.segments().forEach(url::addPathSegment);
    request.query().forEach(url::addQueryParameter);
    Request.Builder b = new Request.Builder().url(url.build());
    headers.forEach(b::header);
    if (apiKey != null && authStyle == AuthStyle.API_KEY) {
      b.header("api-key", apiKey);
    } else if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    request.headers().forEach(b::header);
    if (b.build().header("Accept") == null) {
      b.header("Accept", "application/json");
    }
    RequestBody body = null;
    if (request.jsonBody().isPresent()) {
      String text = Json.MOSHI.adapter(Object.class).toJson(request.jsonBody().get());
      log.traceBody("request", text);
      body = RequestBody.create(text, JSON);
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
}
