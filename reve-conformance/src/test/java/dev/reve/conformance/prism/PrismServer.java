package dev.reve.conformance.prism;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.spi.Json;
import dev.reve.testkit.VirtualTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * A Stoplight Prism mock of one published API description (OpenAI's or Together AI's), started
 * with {@code shared/tools/prism-mock start PORT API} on a free loopback port and stopped on {@link
 * #close()}. Records every request it refuses, with Prism's validation messages, so a failing test
 * can show them.
 */
public final class PrismServer implements AutoCloseable {
  /** The descriptions {@code prism-mock} serves. */
  public enum Api {
    /** OpenAI's description, as {@code prism-mock} prepares it for Prism. */
    OPENAI("openai", "OpenAI", "openai-openapi.prism.json"),
    /** Together AI's description as published. */
    TOGETHER("together", "Together AI", "together-openapi.yaml");

    private final String scriptName;
    private final String displayName;
    private final String specFile;

    Api(String scriptName, String displayName, String specFile) {
      this.scriptName = scriptName;
      this.displayName = displayName;
      this.specFile = specFile;
    }

    /** The name {@code prism-mock start PORT NAME} takes. */
    String scriptName() {
      return scriptName;
    }

    /** A name for messages: {@code Together AI}. */
    public String displayName() {
      return displayName;
    }

    /** The description's file in {@code shared/openapi/}. */
    String specFile() {
      return specFile;
    }
  }

  /** How an {@code sl-violations} entry about the request (not Prism's own answer) begins. */
  private static final String REQUEST_LOCATION = "\"location\":[\"request\"";

  /**
   * Prism's problem types for a request outside the description's paths or methods: a call the
   * SDK makes that the API does not document is as wrong as a body it does not allow.
   */
  private static final List<String> NOT_DESCRIBED =
      List.of("NO_PATH_MATCHED_ERROR", "NO_METHOD_MATCHED_ERROR");

  /** The first start installs Prism with npm; that can take minutes on a cold machine. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private static final JsonAdapter<Map<String, Object>> MAP =
      Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final JsonAdapter<List<Object>> LIST =
      Json.MOSHI.adapter(Types.newParameterizedType(List.class, Object.class));

  private final Api api;
  private final Path script;
  private final int port;
  private final String baseUrl;
  private final Thread shutdownHook;
  private final ConcurrentLinkedQueue<String> rejections = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final OkHttpClient http;

  private PrismServer(Api api, Path script, int port, String baseUrl) {
    this.api = api;
    this.script = script;
    this.port = port;
    this.baseUrl = baseUrl;
    this.shutdownHook = new Thread(this::stop, "prism-mock-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    // Node closes a connection idle for 5 s; one reused just then ends in "unexpected end of
    // stream". Idle connections are dropped well before that.
    this.http = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(4, 1, TimeUnit.SECONDS))
        .addInterceptor(this::recordRejection)
        .build();
  }

  /** Starts Prism on {@code api}'s description from {@code shared}, waiting up to {@link #START_TIMEOUT}. */
  static PrismServer start(Path shared, Api api) {
    Path script = shared.resolve("tools").resolve("prism-mock");
    int port = freePort();
    Path output;
    try {
      output = Files.createTempFile("prism-mock-start-", ".log");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a temporary file for Prism's output", e);
    }
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString(), "start", String.valueOf(port), api.scriptName())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    try {
      Process process = builder.start();
      if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        stop(script, port);
        throw new IllegalStateException(
            "Prism did not start within "
                + START_TIMEOUT.toMinutes()
                + " minutes. The first run installs @stoplight/prism-cli with npm into"
                + " ~/.cache/prism-mock (or $PRISM_HOME): check that npm can reach its registry."
                + " Output so far:\n"
                + read(output));
      }
      String text = read(output);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "`"
                + script
                + " start "
                + port
                + " "
                + api.scriptName()
                + "` failed with exit code "
                + process.exitValue()
                + " (it needs bash, node and npm on PATH). Its output:\n"
                + text);
      }
      String url =
          text.lines()
              .map(String::strip)
              .filter(line -> line.startsWith("http://"))
              .reduce((first, second) -> second)
              .orElse("http://127.0.0.1:" + port + "/");
      return new PrismServer(api, script, port, url);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run `bash " + script + "`: " + e.getMessage() + " (is bash on PATH?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(script, port);
      throw new IllegalStateException("interrupted while starting Prism", e);
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless
      }
    }
  }

  /** The description this Prism serves. */
  public Api api() {
    return api;
  }

  /** The base URL for a client, such as {@code http://127.0.0.1:40123/} (no {@code /v1}). */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * A client builder for this Prism: a key (Prism requires a bearer token), no retries (an error
   * shows at once), a sleeper that takes no time, and the 422 recorder.
   */
  public OpenAiClient.Builder clientBuilder() {
    return OpenAiClient.builder()
        .baseUrl(baseUrl)
        .apiKey("sk-conformance-not-a-real-key")
        .okHttpClient(http)
        .sleeper(new VirtualTime())
        .callTimeout(Duration.ofSeconds(30))
        .maxRetries(0);
  }

  /** A client answered with Prism's static example bodies. */
  public OpenAiClient staticClient() {
    return clientBuilder().build();
  }

  /** A client answered with random bodies generated from the schemas ({@code Prefer: dynamic=true}). */
  public OpenAiClient dynamicClient() {
    return clientBuilder().header("Prefer", "dynamic=true").build();
  }

  /** Forgets the rejections and the request count recorded so far (before each test). */
  void clearRejections() {
    rejections.clear();
    requests.set(0);
  }

  /** How many requests went through this server's clients since the last clear. */
  public int requestCount() {
    return requests.get();
  }

  /** Every request Prism rejected since the last clear, with its validation messages. */
  public List<String> rejections() {
    return new ArrayList<>(rejections);
  }

  /** The rejections as one block of text for an assertion message; empty when there were none. */
  public String describeRejections() {
    List<String> all = rejections();
    return all.isEmpty()
        ? ""
        : "Prism rejected a request that "
            + api.displayName()
            + "'s API description does not allow:\n  "
            + String.join("\n  ", all);
  }

  /**
   * Prism refuses a request in one of three ways: a 422 problem with {@code validation[]} when the
   * operation describes no 4xx answer; the operation's own 400 example with the reasons in the
   * {@code sl-violations} header (Together's description declares 400 answers); or a 404/405
   * problem when the path or method is not in the description at all.
   */
  private Response recordRejection(Interceptor.Chain chain) throws IOException {
    requests.incrementAndGet();
    Response response = chain.proceed(chain.request());
    String call = chain.request().method() + " " + chain.request().url().encodedPath() + ": ";
    String header = response.header("sl-violations");
    Optional<String> violations = header == null ? Optional.empty() : errorMessages(header);
    if (response.code() == 422) {
      rejections.add(call + validationMessages(response.peekBody(256 * 1024).string()));
    } else if (violations.isPresent()) {
      rejections.add(call + violations.get());
    } else if (response.code() == 404 || response.code() == 405) {
      String body = response.peekBody(64 * 1024).string();
      if (NOT_DESCRIBED.stream().anyMatch(body::contains)) {
        rejections.add(call + "not in the description (" + problemTitle(body) + ")");
      }
    }
    return response;
  }

  /**
   * The messages of the request's {@code Error} entries in an {@code sl-violations} header, if
   * any. The header also lists where Prism's own generated answer strays from the schemas
   * (location {@code response}); those say nothing about the SDK's request.
   */
  private static Optional<String> errorMessages(String header) {
    try {
      List<Object> items = LIST.fromJson(header);
      List<String> lines = new ArrayList<>();
      for (Object item : items == null ? List.of() : items) {
        if (item instanceof Map<?, ?> entry
            && "Error".equals(entry.get("severity"))
            && entry.get("location") instanceof List<?> location
            && !location.isEmpty()
            && "request".equals(location.get(0))) {
          lines.add(String.valueOf(entry.get("message")));
        }
      }
      return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lines));
    } catch (IOException | RuntimeException notJson) {
      // Prism cuts a long list short ("Too many violations! [..."): keep it when it names the request.
      return header.contains(REQUEST_LOCATION) ? Optional.of(header) : Optional.empty();
    }
  }

  private static String problemTitle(String body) {
    try {
      Map<String, Object> problem = MAP.fromJson(body);
      if (problem != null && problem.get("title") != null) {
        return problem.get("title") + (problem.get("detail") == null ? "" : ": " + problem.get("detail"));
      }
    } catch (IOException | RuntimeException notProblemJson) {
      // fall back to the raw body
    }
    return body;
  }

  private static String validationMessages(String body) {
    try {
      Map<String, Object> problem = MAP.fromJson(body);
      Object validation = problem == null ? null : problem.get("validation");
      if (validation instanceof List<?> items && !items.isEmpty()) {
        List<String> lines = new ArrayList<>();
        for (Object item : items) {
          if (item instanceof Map<?, ?> entry) {
            lines.add(String.valueOf(entry.get("message")));
          }
        }
        return String.join("; ", lines);
      }
    } catch (IOException | RuntimeException notProblemJson) {
      // fall back to the raw body
    }
    return body;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will run; it stops Prism
    }
    stop();
    deleteScriptLog(port);
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private void stop() {
    stop(script, port);
  }

  private static void stop(Path script, int port) {
    try {
      Process process =
          new ProcessBuilder("bash", script.toString(), "stop", String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      System.err.println("prism-mock stop " + port + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The script keeps Prism's own log in $TMPDIR; after a clean run it is no longer needed. */
  private static void deleteScriptLog(int port) {
    String tmp = System.getenv().getOrDefault("TMPDIR", "/tmp");
    try {
      Files.deleteIfExists(Path.of(tmp.isBlank() ? "/tmp" : tmp, "prism-mock-" + port + ".log"));
    } catch (IOException | RuntimeException ignored) {
      // a leftover log is harmless
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port for Prism", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return "Prism (" + api.displayName() + ") at " + baseUrl;
  }
}
