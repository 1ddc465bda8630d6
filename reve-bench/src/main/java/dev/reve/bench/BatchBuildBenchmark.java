package dev.reve.bench;

import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchCostEstimate;
import dev.reve.analysis.batch.DreamRecord;
import dev.reve.openai.OpenAiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building batch input: {@value #DREAMS} dreams by Jung and Freud, {@value #LINES} request lines,
 * through {@link BatchAnalysis#estimate}, which streams the dreams into real batch input files
 * with the same planner as {@code submit} (the request of a single analysis per line, grouped by
 * endpoint and model, SHA-256 of each file, token count and price) and deletes them again, sending
 * nothing. One operation is one line: the score is lines per second, and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is bytes allocated per line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchBuildBenchmark {
  /** Dreams per invocation. */
  public static final int DREAMS = 500;
  /** Request lines per invocation: every dream to both analysts. */
  public static final int LINES = 2 * DREAMS;

  private static final String DREAM = "I was walking through my grandmother's house, but the rooms kept going"
      + " on past where the walls should have been. In the last room the floor was water, and a white horse"
      + " stood in it up to its knees, looking at me as if it had been waiting a long time. I wanted to touch"
      + " it but my hands were full of keys I did not recognise, and when I tried to put them down the water"
      + " rose and the horse turned away towards a door that had not been there before.";

  private Path dir;
  private OpenAiClient client;
  private DreamAnalysts analysts;
  private BatchAnalysis run;
  private List<DreamRecord> dreams;

  /** A client that is never called (building sends nothing), the analysts and the dreams. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("reve-batch-build");
    // Port 9 (discard): nothing listens there, and nothing should be sent.
    client = OpenAiClient.builder().apiKey(BenchClients.KEY).baseUrl("http://127.0.0.1:9/v1/").build();
    analysts = DreamAnalysts.builder(client).resolver(ModelResolver.isolated()).checkShutdownDates(false).build();
    run = BatchAnalysis.builder(analysts, dir.resolve("run")).analysts(List.of("jung", "freud")).build();
    dreams = new ArrayList<>(DREAMS);
    for (int i = 0; i < DREAMS; i++) {
      dreams.add(new DreamRecord("dream-" + i,
          Dream.builder(DREAM + " (" + i + ")").title("Night " + i).context("34, nurse, a new job next week").build()));
    }
  }

  /** Closes the client and removes the work directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    analysts.close();
    client.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Every dream to both analysts: {@value #LINES} lines written, hashed, counted and priced. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public BatchCostEstimate buildLines() {
    BatchCostEstimate estimate = run.estimate(dreams.iterator());
    if (estimate.requests() != LINES) {
      throw new IllegalStateException("expected " + LINES + " lines, built " + estimate.requests());
    }
    return estimate;
  }
}
