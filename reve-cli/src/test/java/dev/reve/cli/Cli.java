package dev.reve.cli;

import dev.reve.testkit.VirtualTime;
import dev.reve.testkit.OpenAiEmulator;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;

/**
 * Runs the {@code reve} command in process with captured output, an environment map, a
 * working directory, standard input and virtual time (clock and sleeper).
 */
final class Cli {
  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuvwxyzSECRET";

  final VirtualTime time = new VirtualTime(Instant.parse("2026-11-25T12:00:00Z"));
  final Map<String, String> env = new HashMap<>();
  final Path workingDirectory;
  final AtomicInteger verboseCalls = new AtomicInteger();
  String stdin = "";
  byte[] stdinBytes;
  boolean interactive;
  /** When set, every client the command builds sends its requests through this interceptor. */
  okhttp3.Interceptor interceptor;
  private okhttp3.OkHttpClient intercepted;

  Cli(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  /** A CLI pointed at {@code server} with the test key. */
  static Cli against(MockWebServer server, Path workingDirectory) {
    Cli cli = new Cli(workingDirectory);
    cli.env.put("OPENAI_API_KEY", KEY);
    cli.env.put("OPENAI_BASE_URL", server.url("/v1/").toString());
    return cli;
  }

  /** A CLI pointed at the OpenAI emulator with the test key. */
  static Cli against(OpenAiEmulator emulator, Path workingDirectory) {
    Cli cli = new Cli(workingDirectory);
    cli.env.put("OPENAI_API_KEY", KEY);
    cli.env.put("OPENAI_BASE_URL", emulator.baseUrl());
    return cli;
  }

  /** The outcome of one run. */
  record Result(int code, String out, String err) {
    String all() {
      return out + "\n" + err;
    }
  }

  private dev.reve.openai.OpenAiClient.Builder tuned(dev.reve.openai.OpenAiClient.Builder builder) {
    if (interceptor == null) {
      return builder;
    }
    synchronized (this) {
      if (intercepted == null) {
        intercepted = new okhttp3.OkHttpClient.Builder().addInterceptor(interceptor).build();
      }
    }
    return builder.okHttpClient(intercepted);
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment environment =
        new CliEnvironment(
            env,
            new ByteArrayInputStream(stdinBytes != null ? stdinBytes : stdin.getBytes(StandardCharsets.UTF_8)),
            workingDirectory,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            interactive,
            time,
            time,
            builder -> tuned(builder.sleeper(time).clock(time).jitter(() -> 0.0)),
            verboseCalls::incrementAndGet);
    int code = Reve.run(environment, args);
    return new Result(code, out.toString(), err.toString());
  }
}
