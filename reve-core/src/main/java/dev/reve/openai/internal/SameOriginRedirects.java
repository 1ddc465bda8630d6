package dev.reve.openai.internal;

import dev.reve.openai.error.RedirectRefusedException;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that stops a redirect to another origin before OkHttp follows it: OkHttp
 * drops only {@code Authorization} on a cross-host redirect, and re-sends a POST body on 307/308.
 */
public final class SameOriginRedirects implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (!response.isRedirect()) {
      return response;
    }
    String location = response.header("Location");
    HttpUrl from = chain.request().url();
    HttpUrl to = location == null ? null : from.resolve(location);
    if (to == null || sameOrigin(from, to)) {
      return response;
    }
    response.close();
    throw new RedirectRefusedException(
        chain.request().method(), response.code(), origin(from), origin(to));
  }

  /** Whether scheme, host and port agree. */
  public static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  private static String origin(HttpUrl url) {
    return url.scheme() + "://" + (url.host().contains(":") ? "[" + url.host() + "]" : url.host())
        + ":" + url.port();
  }
}
