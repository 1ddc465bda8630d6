package dev.reve.openai;

import dev.reve.openai.internal.NoDelaySockets;
import dev.reve.openai.internal.SameOriginRedirects;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;

/** The HTTP resources a client runs on: its OkHttp client, its threads, its default headers. */
final class HttpClientSetup {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private HttpClientSetup() {}

  /**
   * {@code base} with the SDK's network rules: same-origin redirects only, TCP_NODELAY on sockets
   * of its own (a caller's socket factory is left as it is), per-attempt timeouts, no call timeout
   * (the transport keeps the one deadline) and no silent retry.
   */
  static OkHttpClient configure(OkHttpClient base, Duration connect, Duration read, Duration write) {
    OkHttpClient.Builder builder = base.newBuilder();
    if (base.networkInterceptors().stream().noneMatch(SameOriginRedirects.class::isInstance)) {
      builder.addNetworkInterceptor(new SameOriginRedirects());
    }
    if (base.socketFactory() == SocketFactory.getDefault()) {
      builder.socketFactory(new NoDelaySockets(base.socketFactory()));
    }
    return builder
        .connectTimeout(connect)
        .readTimeout(read)
        .writeTimeout(write)
        .callTimeout(Duration.ZERO)
        // Our own retry loop counts and paces attempts; OkHttp's silent retry would hide them.
        .retryOnConnectionFailure(false)
        .build();
  }

  /** The daemon threads that run a client's asynchronous calls. */
  static ExecutorService newExecutor() {
    return Executors.newCachedThreadPool(
        runnable -> {
          Thread thread = new Thread(runnable, "reve-openai-" + THREADS.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** The caller's headers plus the SDK's User-Agent and the organization and project, if set. */
  static Map<String, String> defaultHeaders(Map<String, String> custom, String organization, String project) {
    Map<String, String> headers = new LinkedHashMap<>(custom);
    headers.putIfAbsent("User-Agent", "reve-sdk/" + Version.VERSION);
    if (organization != null && !organization.isBlank()) {
      headers.put("OpenAI-Organization", organization.strip());
    }
    if (project != null && !project.isBlank()) {
      headers.put("OpenAI-Project", project.strip());
    }
    return headers;
  }
}
