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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * A Stoplight Prism mock of OpenAI's published API description, started with {@code
 * shared/tools/prism-mock start PORT} on a free loopback port and stopped on {@link #close()}.
 * Records the validation messages of every 422 it answers so a failing test can show them.
 */
public final class PrismServer implements AutoCloseable {
  /** The first start installs Prism with npm; that can take minutes on a cold machine. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private static final JsonAdapter<Map<String, Object>> MAP =
      Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final Path script;
  private final int port;
  private final String baseUrl;
  private final Thread shutdownHook;
  private final ConcurrentLinkedQueue<String> rejections = new ConcurrentLinkedQueue<>();
  private final OkHttpClient http;

  private PrismServer(Path script, int port, String baseUrl) {
    this.script = script;
    this.port = port;
    this.baseUrl = baseUrl;
    this.shutdownHook = new Thread(this::stop, "prism-mock-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    this.http = new OkHttpClient.Builder().addInterceptor(this::recordRejection).build();
  }

  /** Starts Prism from {@code shared}, waiting up to {@link #START_TIMEOUT}. */
  static PrismServer start(Path shared) {
    Path script = shared.resolve("tools").resolve("prism-mock");
    int port = freePort();
    Path output;
    try {
      output = Files.createTempFile("prism-mock-start-", ".log");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a temporary file for Prism's output", e);
    }
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString(), "start", String.valueOf(port))
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
      return new PrismServer(script, port, url);
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

  /** Forgets the rejections recorded so far (before each test). */
  void clearRejections() {
    rejections.clear();
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
        : "Prism rejected a request that OpenAI's API description does not allow:\n  "
            + String.join("\n  ", all);
  }

  private Response recordRejection(Interceptor.Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() == 422) {
      String body = response.peekBody(256 * 1024).string();
      rejections.add(
          chain.request().method()
              + " "
              + chain.request().url().encodedPath()
              + ": "
              + validationMessages(body));
    }
    return response;
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
    return "Prism at " + baseUrl;
  }
}
