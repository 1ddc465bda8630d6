package dev.reve.analysis;

import static dev.reve.analysis.Fixtures.DREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.openai.OpenAiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analysis threads are bounded, and close() stops the calls still in flight. */
class AnalysisBoundsTest {
  private final MockWebServer server = new MockWebServer();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger most = new AtomicInteger();
  private final AtomicInteger arrived = new AtomicInteger();
  /** One permit per request that reached the server: tests wait on it instead of polling. */
  private final Semaphore arrivals = new Semaphore(0);
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        arrived.incrementAndGet();
        arrivals.release();
        try {
          release.await(30, TimeUnit.SECONDS);
          return Fixtures.answer("gpt-4o-2024-08-06", "ok");
        } finally {
          inFlight.decrementAndGet();
        }
      }
    });
    server.start();
    client = Fixtures.client(server);
  }

  @AfterEach
  void stop() {
    release.countDown();
    client.close();
    server.close();
  }

  private DreamAnalysts analysts(int max) {
    return DreamAnalysts.builder(client).resolver(Fixtures.resolver(Map.of()).build())
        .checkShutdownDates(false).maxConcurrentCalls(max).build();
  }

  private static long analysisThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("reve-analysis-") && t.isAlive()).count();
  }

  @Test
  void twoHundredConcurrentFanOutsUseAtMostTheConfiguredThreads() throws Exception {
    long before = analysisThreads();
    try (DreamAnalysts analysts = analysts(4)) {
      List<CompletableFuture<MultiAnalysis>> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        all.add(analysts.analyzeAllAsync(DREAM));
      }
      assertThat(arrivals.tryAcquire(4, 30, TimeUnit.SECONDS)).as("4 calls reached the server").isTrue();
      assertThat(analysisThreads() - before).isLessThanOrEqualTo(4);
      release.countDown();
      for (CompletableFuture<MultiAnalysis> f : all) {
        assertThat(f.get(60, TimeUnit.SECONDS).outcomes()).hasSize(2);
      }
      assertThat(most.get()).isLessThanOrEqualTo(4);
      assertThat(server.getRequestCount()).isEqualTo(400);
    }
  }

  @Test
  void closeCancelsTheCallsInFlightAndTheQueuedOnes() throws Exception {
    DreamAnalysts analysts = analysts(2);
    List<CompletableFuture<Analysis>> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(analysts.analyst("jung").analyzeAsync(DREAM));
    }
    assertThat(arrivals.tryAcquire(2, 30, TimeUnit.SECONDS)).as("2 calls reached the server").isTrue();

    analysts.close();

    for (CompletableFuture<Analysis> f : all) {
      try {
        f.get(5, TimeUnit.SECONDS);
        throw new AssertionError("an analysis finished after close()");
      } catch (CancellationException | ExecutionException expected) {
        // cancelled, as close() promises
      }
    }
    assertThat(arrived.get()).isEqualTo(2);
  }
}
