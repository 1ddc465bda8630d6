package dev.reve.bench;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.MultiAnalysis;
import dev.reve.openai.OpenAiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Concurrency of the analysis API against a server that takes {@value #LATENCY_MS} ms per answer
 * (a {@link BenchServer} in another process): one analyst, one dream to Jung and Freud at once
 * (should take the slowest single call, not the sum), and {@value #DREAMS} dreams to both at a
 * limit of {@value #CONCURRENCY} requests in flight (should take {@code ceil(200 / 16) = 13} waves
 * of {@value #LATENCY_MS} ms, 2.6 s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutBenchmark {
  /** The server's latency per answer. */
  public static final int LATENCY_MS = 200;
  /** Dreams in the batch. */
  public static final int DREAMS = 100;
  /** Requests in flight at most in the batch. */
  public static final int CONCURRENCY = 16;

  private static final List<String> BOTH = List.of("jung", "freud");

  private RemoteBenchServer server;
  private OpenAiClient client;
  private DreamAnalysts analysts;
  private Dream dream;
  private List<Dream> dreams;

  /** Starts the server process, the client and the analysts. */
  @Setup(Level.Trial)
  public void setUp() {
    server = RemoteBenchServer.start();
    client = OpenAiClient.builder()
        .apiKey(BenchClients.KEY)
        .baseUrl(server.slowBaseUrl(LATENCY_MS))
        .maxRetries(0)
        .build();
    analysts = DreamAnalysts.builder(client).checkShutdownDates(false).build();
    dreams = new ArrayList<>();
    for (int i = 1; i <= DREAMS; i++) {
      dreams.add(Dream.builder("Night " + i + ": I was in my grandmother's house, but it had a cellar I"
              + " had never seen, with a stone staircase down to a room of old bones.")
          .title("The cellar, " + i)
          .build());
    }
    dream = dreams.get(0);
  }

  /** Closes everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    analysts.close();
    client.close();
    server.close();
  }

  /** One analyst on one dream: the single call the fan-out is measured against. */
  @Benchmark
  public Analysis oneAnalyst() {
    return analysts.analyst("jung").analyze(dream);
  }

  /** Jung and Freud on one dream at once. */
  @Benchmark
  public MultiAnalysis twoAnalysts() {
    MultiAnalysis both = analysts.analyzeAll(dream, BOTH);
    if (!both.allSucceeded()) {
      throw new IllegalStateException("an analysis failed: " + both.failures());
    }
    return both;
  }

  /** One hundred dreams to both analysts, at most sixteen requests in flight. */
  @Benchmark
  @Warmup(iterations = 1, time = 1)
  @Measurement(iterations = 5, time = 1)
  public List<MultiAnalysis> hundredDreamsTwoAnalysts() {
    List<MultiAnalysis> all = analysts.analyzeBatch(dreams, BOTH, CONCURRENCY);
    for (MultiAnalysis one : all) {
      if (!one.allSucceeded()) {
        throw new IllegalStateException("an analysis failed: " + one.failures());
      }
    }
    return all;
  }
}
