package dev.reve.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floor, this SDK and openai-java on the same request and the same canned answers, served by
 * a {@link BenchServer} in another process on loopback: a 2.8 KB completion, one thread and eight,
 * and the 300-chunk stream. Run with {@code -prof gc -prof dev.reve.bench.CpuPerOpProfiler} for
 * allocation and CPU per call.
 */
@State(Scope.Benchmark)
@Fork(1)
public class SideBySideBenchmark {
  /** Which client makes the calls. */
  @Param({"floor", "reve", "openai-java"})
  public String client;

  private RemoteBenchServer server;
  private BenchChat chat;

  /** Starts the server process and the client. */
  @Setup(Level.Trial)
  public void setUp() {
    server = RemoteBenchServer.start();
    chat = BenchChat.of(client, server.baseUrl());
  }

  /** Closes the client and ends the server. */
  @TearDown(Level.Trial)
  public void tearDown() {
    chat.close();
    server.close();
  }

  /** One blocking completion on one thread: latency and allocation per call. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String roundTrip() {
    return chat.complete();
  }

  /** The same from eight threads on two cores: throughput, and CPU per call under load. */
  @Benchmark
  @Threads(8)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public String roundTripLoaded() {
    return chat.complete();
  }

  /** One streamed completion of 300 content deltas (66 KB of SSE). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String stream(Blackhole hole) {
    return chat.stream(hole::consume);
  }
}
