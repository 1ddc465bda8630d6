package dev.reve.bench;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.AnalysisSession;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalyst;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.SessionTurn;
import dev.reve.openai.OpenAiClient;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A session turn beside a single analysis, against the {@link BenchServer} in another process
 * (the canned 2.8 KB answer, no added latency, so the figures are the client's work):
 * {@code singleAnalysis} is one {@code analyze(dream)}; {@code sessionTurn} is a whole three-turn
 * session (the first answer and two replies), scored per turn. Each later turn sends the history
 * so far, so its request grows by one answer and one reply. Run with {@code -prof gc} for
 * allocation per call and per turn.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class SessionBenchmark {
  /** Turns in one session: the first answer and two replies. */
  public static final int TURNS = 3;

  private static final String FIRST_REPLY =
      "The house was my grandmother's; she died last spring and the house was sold in the autumn.";
  private static final String SECOND_REPLY =
      "The keys were like the ones my father carried as a caretaker; I never knew what they opened.";

  private RemoteBenchServer server;
  private OpenAiClient client;
  private DreamAnalysts analysts;
  private DreamAnalyst jung;
  private Dream dream;

  /** Starts the server process, the client and the analysts. */
  @Setup(Level.Trial)
  public void setUp() {
    server = RemoteBenchServer.start();
    client = OpenAiClient.builder().apiKey(BenchClients.KEY).baseUrl(server.baseUrl()).maxRetries(0).build();
    analysts = DreamAnalysts.builder(client).checkShutdownDates(false).build();
    jung = analysts.analyst("jung");
    dream = Dream.builder("I was in my grandmother's house, but it had a cellar I had never seen, with a"
            + " stone staircase down to a room of old bones, and my hands were full of keys.")
        .title("The cellar")
        .build();
  }

  /** Closes everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    analysts.close();
    client.close();
    server.close();
  }

  /** One analysis of the dream: what a turn is compared with. */
  @Benchmark
  public Analysis singleAnalysis() {
    return jung.analyze(dream);
  }

  /** A three-turn session; the score is per turn. */
  @Benchmark
  @OperationsPerInvocation(TURNS)
  public SessionTurn sessionTurn() {
    AnalysisSession session = jung.session(dream);
    session.begin();
    session.reply(FIRST_REPLY);
    SessionTurn last = session.reply(SECOND_REPLY);
    if (session.turns().size() != TURNS) {
      throw new IllegalStateException("expected " + TURNS + " turns, got " + session.turns().size());
    }
    return last;
  }
}
