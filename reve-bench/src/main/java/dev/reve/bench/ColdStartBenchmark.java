package dev.reve.bench;

import dev.reve.openai.chat.ChatMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start to first answer: in a fresh JVM, build the client and make one completion (class
 * loading, JSON binding set-up, first connection). The server process warms itself up before it
 * reports its port, so only the client is cold. Each fork measures one call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class ColdStartBenchmark {
  /** Which client starts cold. */
  @Param({"floor", "reve", "openai-java"})
  public String client;

  private RemoteBenchServer server;
  private List<ChatMessage> messages;

  /** Starts the (warm) server and builds the messages. */
  @Setup(Level.Trial)
  public void setUp() {
    server = RemoteBenchServer.start();
    messages = BenchChat.messages();
  }

  /** Ends the server. */
  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  /** Build the client, get the first answer, close. */
  @Benchmark
  public String firstAnswer() {
    try (BenchChat chat = BenchChat.of(client, server.baseUrl(), messages)) {
      return chat.complete();
    }
  }
}
