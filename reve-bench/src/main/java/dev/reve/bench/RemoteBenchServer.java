package dev.reve.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BenchServer} in a child JVM on the same classpath, so that the measured client's
 * process does none of the server's work. Closing it ends the child.
 */
public final class RemoteBenchServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private RemoteBenchServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the child and waits until it listens. */
  public static RemoteBenchServer start() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(
        java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        BenchServer.class.getName());
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the benchmark server process", e);
    }
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith("port ")) {
        process.destroyForcibly();
        throw new IllegalStateException("the benchmark server did not start: " + line);
      }
      return new RemoteBenchServer(process, Integer.parseInt(line.substring(5).trim()));
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException("cannot read the benchmark server's port", e);
    }
  }

  /** The base URL of the canned completion, version segment included. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/v1/";
  }

  /** The base URL of the same answers delayed by {@code millis}. */
  public String slowBaseUrl(int millis) {
    return "http://127.0.0.1:" + port + "/slow/" + millis + "/v1/";
  }

  /** The base URL of the live, time-stamped stream. */
  public String liveBaseUrl() {
    return "http://127.0.0.1:" + port + "/live/v1/";
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
