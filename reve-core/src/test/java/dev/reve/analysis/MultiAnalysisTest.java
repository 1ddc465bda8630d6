package dev.reve.analysis;

import static dev.reve.analysis.Fixtures.DREAM;
import static dev.reve.analysis.Fixtures.answer;
import static dev.reve.analysis.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.error.InternalServerException;
import dev.reve.openai.OpenAiClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MultiAnalysisTest {
  private final MockWebServer server = new MockWebServer();
  private OpenAiClient client;
  private DreamAnalysts analysts;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = Fixtures.client(server);
    analysts =
        DreamAnalysts.builder(client)
            .resolver(Fixtures.resolver(Map.of()).build())
            .checkShutdownDates(false)
            .build();
  }

  @AfterEach
  void stop() {
    analysts.close();
    client.close();
    server.close();
  }

  /** Which analyst a request is for, read from its system prompt. */
  private static String analystOf(RecordedRequest request) {
    List<?> messages = (List<?>) body(request).get("messages");
    String system = (String) ((Map<?, ?>) messages.get(0)).get("content");
    return system.equals(BuiltInAnalysts.JUNG.systemPrompt()) ? "jung" : "freud";
  }

  @Test
  void bothAnalystsAreInFlightAtTheSameTime() {
    CountDownLatch bothArrived = new CountDownLatch(2);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            bothArrived.countDown();
            // The first request is held until the second has arrived; run one after the other,
            // the first would wait in vain and answer "alone".
            boolean together = bothArrived.await(5, TimeUnit.SECONDS);
            return answer("gpt-4o", analystOf(request) + (together ? " together" : " alone"));
          }
        });

    MultiAnalysis result = analysts.analyzeAll(DREAM);

    assertThat(result.allSucceeded()).isTrue();
    assertThat(result.analyses().keySet()).containsExactly("jung", "freud");
    assertThat(result.analysis("jung").orElseThrow().text()).isEqualTo("jung together");
    assertThat(result.analysis("freud").orElseThrow().text()).isEqualTo("freud together");
    assertThat(result.dream()).isEqualTo(DREAM);
  }

  @Test
  void oneAnalystFailingDoesNotHideTheOther() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (analystOf(request).equals("jung")) {
              return new MockResponse.Builder()
                  .code(500)
                  .body("{\"error\":{\"message\":\"The server had an error\"}}")
                  .build();
            }
            return answer("gpt-4o", "I must confess the examination dream is familiar.");
          }
        });

    MultiAnalysis result = analysts.analyzeAll(DREAM, List.of("jung", "freud"));

    assertThat(result.allSucceeded()).isFalse();
    assertThat(result.allComplete()).isFalse();
    assertThat(result.outcomes())
        .extracting(AnalystOutcome::analystId)
        .containsExactly("jung", "freud");
    assertThat(result.failure("jung")).containsInstanceOf(InternalServerException.class);
    assertThat(result.failures().get("jung")).hasMessageContaining("The server had an error");
    assertThat(result.analysis("freud").orElseThrow().isComplete()).isTrue();
    assertThat(result.outcome("jung").orElseThrow().describe()).contains("jung: FAILED");
  }

  @Test
  void asyncVariantReportsTheSameWay() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer("gpt-4o", analystOf(request));
          }
        });
    MultiAnalysis result = analysts.analyzeAllAsync(DREAM).get(5, TimeUnit.SECONDS);
    assertThat(result.allComplete()).isTrue();
    assertThat(result.analysis("freud").orElseThrow().text()).isEqualTo("freud");
  }

  @Test
  void invalidInputFailsBeforeAnyRequest() {
    assertThatThrownBy(() -> analysts.analyzeAll(DREAM, List.of("jung", "adler")))
        .isInstanceOf(UnknownAnalystException.class)
        .hasMessageContaining("jung, freud");
    assertThatThrownBy(() -> analysts.analyzeAll(Dream.of("x".repeat(8_001))))
        .isInstanceOf(InvalidDreamException.class)
        .hasMessageContaining("8000");
    assertThatThrownBy(() -> analysts.analyzeAll(DREAM, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void batchKeepsToItsConcurrencyLimitAndReportsEveryDream() {
    int limit = 2;
    Dream invalid = Dream.of("y".repeat(8_001));
    List<Dream> dreams =
        List.of(
            Dream.of("first dream"), invalid, Dream.of("second dream"), Dream.of("third dream"));
    int expectedRequests = 3 * 2;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger arrived = new AtomicInteger();
    Object lock = new Object();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            int count = arrived.incrementAndGet();
            synchronized (lock) {
              lock.notifyAll();
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
              // Hold each request until another one overlaps it (one was already in flight, or
              // one arrives later), unless it is the last; so the batch shows it does run
              // `limit` requests at once, and the maximum shows it never runs more.
              while (now < limit && arrived.get() == count && count < expectedRequests) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                  break;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
              }
            }
            List<?> messages = (List<?>) body(request).get("messages");
            String user = (String) ((Map<?, ?>) messages.get(1)).get("content");
            inFlight.decrementAndGet();
            return answer(
                "gpt-4o", analystOf(request) + " on " + user.substring(user.indexOf(":\n") + 2));
          }
        });

    List<MultiAnalysis> results = analysts.analyzeBatch(dreams, List.of("jung", "freud"), limit);

    assertThat(maxInFlight.get()).isEqualTo(limit);
    assertThat(server.getRequestCount()).isEqualTo(expectedRequests);
    assertThat(results).hasSize(4);
    assertThat(results).extracting(MultiAnalysis::dream).containsExactlyElementsOf(dreams);
    assertThat(results.get(0).analysis("jung").orElseThrow().text())
        .isEqualTo("jung on first dream");
    assertThat(results.get(3).analysis("freud").orElseThrow().text())
        .isEqualTo("freud on third dream");
    MultiAnalysis rejected = results.get(1);
    assertThat(rejected.analyses()).isEmpty();
    assertThat(rejected.failures().keySet()).containsExactly("jung", "freud");
    assertThat(rejected.failure("freud")).containsInstanceOf(InvalidDreamException.class);
  }

  @Test
  void batchRejectsANonPositiveLimit() {
    assertThatThrownBy(() -> analysts.analyzeBatch(List.of(DREAM), List.of("jung"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConcurrency");
  }
}
