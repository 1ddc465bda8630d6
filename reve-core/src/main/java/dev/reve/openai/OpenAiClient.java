package dev.reve.openai;

import dev.reve.openai.call.AuthStyle;
import dev.reve.openai.call.RetryPolicy;
import dev.reve.openai.call.Sleeper;
import dev.reve.openai.error.InsecureTransportException;
import dev.reve.openai.error.MissingApiKeyException;
import dev.reve.openai.error.OpenAiConfigurationException;
import dev.reve.openai.batches.BatchService;
import dev.reve.openai.chat.ChatService;
import dev.reve.openai.files.FileService;
import dev.reve.openai.spi.Transport;
import dev.reve.openai.internal.HttpTransport;
import dev.reve.openai.internal.Redactor;
import dev.reve.openai.models.ModelService;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A hand-written client for OpenAI's HTTP API and OpenAI-compatible servers (vLLM, Ollama, LM
 * Studio, a Prism mock). Thread-safe; create one per application and {@link #close()} it on
 * shutdown.
 *
 * <pre>{@code
 * try (OpenAiClient client = OpenAiClient.fromEnv()) {
 *   ChatCompletion reply = client.chat().create(ChatRequest.builder()
 *       .model("gpt-4o-mini").addMessage(ChatMessage.user("Hello")).build());
 * }
 * }</pre>
 */
public final class OpenAiClient implements AutoCloseable {
  /** OpenAI's production endpoint, version segment included. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1/";

  /** Default of {@link Builder#maxResponseBytes(long)}: 32 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

  /** Default of {@link Builder#maxEventBytes(long)}: 1 MiB. */
  public static final long DEFAULT_MAX_EVENT_BYTES = 1024L * 1024;

  private final HttpUrl baseUrl;
  private final boolean apiKeySet;
  private final HttpTransport transport;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final ExecutorService executor;
  private final ChatService chat;
  private final ModelService models;
  private final FileService files;
  private final BatchService batches;
  private final Builder settings;

  private OpenAiClient(Builder b) {
    this.settings = b.copy();
    this.baseUrl = BaseUrls.parse(b.baseUrl, DEFAULT_BASE_URL);
    String key = b.apiKey == null || b.apiKey.isBlank() ? null : b.apiKey.strip();
    this.apiKeySet = key != null;
    if (key == null && b.requireApiKey && BaseUrls.isOpenAi(baseUrl)) {
      throw new MissingApiKeyException();
    }
    this.ownsHttp = b.okHttpClient == null;
    OkHttpClient base = ownsHttp ? new OkHttpClient() : b.okHttpClient;
    if (key != null && !baseUrl.isHttps() && !b.allowInsecureHttp && !BaseUrls.isLoopback(baseUrl.host(), base.dns())) {
      throw new InsecureTransportException(baseUrl.host());
    }
    this.http = HttpClientSetup.configure(base, b.connectTimeout, b.readTimeout, b.writeTimeout);
    Map<String, String> headers = HttpClientSetup.defaultHeaders(b.headers, b.organization, b.project);
    this.executor = HttpClientSetup.newExecutor();
    this.transport =
        new HttpTransport(
            http, baseUrl, key, b.authStyle, headers, b.callTimeout, b.retryPolicy, b.sleeper, b.clock,
            b.jitter, executor, b.maxResponseBytes, b.maxEventBytes);
    this.chat = new ChatService(transport);
    this.models = new ModelService(transport);
    this.files = new FileService(transport);
    this.batches = new BatchService(transport);
  }

  /** A builder with OpenAI's defaults and no key. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code
   * OPENAI_ORG_ID} and {@code OPENAI_PROJECT_ID}.
   *
   * @throws OpenAiConfigurationException when no key is set for OpenAI's own endpoint
   */
  public static OpenAiClient fromEnv() {
    return builder().fromEnvironment(System.getenv()).build();
  }

  /**
   * A builder holding this client's settings, to derive a client that differs in a few. The
   * derived client shares this one's connection pool and dispatcher; close this one last.
   */
  public Builder newBuilder() {
    Builder copy = settings.copy();
    if (copy.okHttpClient == null) {
      copy.okHttpClient = http;
    }
    return copy;
  }

  /** Chat completions: blocking, asynchronous and streaming. */
  public ChatService chat() {
    return chat;
  }

  /** Files: upload (streamed), list, retrieve, delete, download. */
  public FileService files() {
    return files;
  }

  /** Batches: create, list, retrieve, cancel; their files go through {@link #files()}. */
  public BatchService batches() {
    return batches;
  }

  /** Models: list, retrieve, delete. */
  public ModelService models() {
    return models;
  }

  /** The base URL every path is resolved against, ending in {@code /}. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /**
   * The transport under every service: retry loop, deadline, error mapping, redacting log. For
   * extension modules built on {@link dev.reve.openai.spi}; applications use the services.
   */
  public Transport transport() {
    return transport;
  }

  /** Stops the client's threads; connections of a caller-supplied OkHttpClient are left open. */
  @Override
  public void close() {
    executor.shutdownNow();
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "OpenAiClient{baseUrl=" + Redactor.url(baseUrl) + ", apiKey=" + (apiKeySet ? "[set]" : "[none]") + "}";
  }

  /** Builds an {@link OpenAiClient}; every setting has a default. */
  public static final class Builder {
    private String apiKey;
    private String baseUrl = DEFAULT_BASE_URL;
    private String organization;
    private String project;
    private OkHttpClient okHttpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofMinutes(10);
    private Duration writeTimeout = Duration.ofMinutes(10);
    private Duration callTimeout = Duration.ofMinutes(10);
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private boolean allowInsecureHttp;
    private boolean requireApiKey = true;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private long maxEventBytes = DEFAULT_MAX_EVENT_BYTES;
    private AuthStyle authStyle = AuthStyle.BEARER;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.apiKey = apiKey;
      b.baseUrl = baseUrl;
      b.organization = organization;
      b.project = project;
      b.okHttpClient = okHttpClient;
      b.connectTimeout = connectTimeout;
      b.readTimeout = readTimeout;
      b.writeTimeout = writeTimeout;
      b.callTimeout = callTimeout;
      b.retryPolicy = retryPolicy;
      b.sleeper = sleeper;
      b.clock = clock;
      b.jitter = jitter;
      b.allowInsecureHttp = allowInsecureHttp;
      b.requireApiKey = requireApiKey;
      b.maxResponseBytes = maxResponseBytes;
      b.maxEventBytes = maxEventBytes;
      b.authStyle = authStyle;
      b.headers.putAll(headers);
      return b;
    }

    /**
     * Reads {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code OPENAI_ORG_ID} and {@code
     * OPENAI_PROJECT_ID} from {@code env}; absent or blank variables leave the setting unchanged.
     */
    public Builder fromEnvironment(Map<String, String> env) {
      setIfPresent(env, "OPENAI_API_KEY", v -> apiKey = v);
      setIfPresent(env, "OPENAI_BASE_URL", v -> baseUrl = v);
      setIfPresent(env, "OPENAI_ORG_ID", v -> organization = v);
      setIfPresent(env, "OPENAI_PROJECT_ID", v -> project = v);
      return this;
    }

    private static void setIfPresent(
        Map<String, String> env, String name, java.util.function.Consumer<String> setter) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        setter.accept(value.strip());
      }
    }

    /** The secret API key; never logged or printed. */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /**
     * The base URL including the version segment: {@code https://api.openai.com/v1/}, {@code
     * http://localhost:11434/v1/} (Ollama), {@code http://127.0.0.1:4010/} (Prism).
     */
    public Builder baseUrl(String url) {
      this.baseUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * How the key is sent: {@link AuthStyle#BEARER} (default) or {@link AuthStyle#API_KEY}, the
     * {@code api-key} header Azure OpenAI reads.
     */
    public Builder authStyle(AuthStyle style) {
      this.authStyle = Objects.requireNonNull(style, "style");
      return this;
    }

    /** Sends {@code OpenAI-Organization}. */
    public Builder organization(String id) {
      this.organization = id;
      return this;
    }

    /** Sends {@code OpenAI-Project}. */
    public Builder project(String id) {
      this.project = id;
      return this;
    }

    /**
     * A caller's OkHttpClient (proxy, interceptors, mTLS, pool); the client derives its own from
     * it with {@code newBuilder()}, sharing its pool and dispatcher.
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Connect timeout, default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = nonNegative(timeout, "connectTimeout");
      return this;
    }

    /** Longest silence while reading a response, default 10 min (long completions). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = nonNegative(timeout, "readTimeout");
      return this;
    }

    /** Longest stall while sending a request, default 10 min (large uploads). */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = nonNegative(timeout, "writeTimeout");
      return this;
    }

    /** Deadline for a whole call across all its attempts, default 10 min; zero for none. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = nonNegative(timeout, "callTimeout");
      return this;
    }

    /** The retry policy; {@link RetryPolicy#DEFAULT} retries twice. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Shorthand for a retry policy with another retry count. */
    public Builder maxRetries(int retries) {
      this.retryPolicy = retryPolicy.maxRetries(retries);
      return this;
    }

    /** Waits between retries; tests pass a recording sleeper. */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /** Clock for deadlines and HTTP-date retry hints. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Source of jitter in [0, 1) for backoff; tests pass a constant. */
    public Builder jitter(DoubleSupplier value) {
      this.jitter = Objects.requireNonNull(value, "jitter");
      return this;
    }

    /** Allows sending the key over plain http to a non-loopback host; off by default. */
    public Builder allowInsecureHttp(boolean allow) {
      this.allowInsecureHttp = allow;
      return this;
    }

    /** Whether a missing key is an error for OpenAI's endpoint; on by default. */
    public Builder requireApiKey(boolean require) {
      this.requireApiKey = require;
      return this;
    }

    /** A header sent with every request. */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The most a response body (or a whole event stream) may hold before the call fails with
     * {@link dev.reve.openai.error.ResponseTooLargeException}; default 32 MiB, far above any real
     * completion. Downloads through {@code files().content} are not capped.
     */
    public Builder maxResponseBytes(long bytes) {
      this.maxResponseBytes = positive(bytes, "maxResponseBytes");
      return this;
    }

    /** The most one server-sent event may hold; default 1 MiB (a real chunk is well under 1 KiB). */
    public Builder maxEventBytes(long bytes) {
      this.maxEventBytes = positive(bytes, "maxEventBytes");
      return this;
    }

    /**
     * Forgets the organization, the project and every custom header, for a client of another
     * origin that must not receive them.
     */
    public Builder withoutHeaders() {
      this.organization = null;
      this.project = null;
      this.headers.clear();
      return this;
    }

    private static long positive(long value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 byte, was " + value);
      }
      return value;
    }

    /** Builds the client. */
    public OpenAiClient build() {
      return new OpenAiClient(this);
    }

    private static Duration nonNegative(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
      return value;
    }

    @Override
    public String toString() {
      return "OpenAiClient.Builder{baseUrl=" + Redactor.url(baseUrl) + ", apiKey=" + (apiKey == null ? "[none]" : "[set]") + "}";
    }
  }
}
