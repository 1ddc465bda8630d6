package dev.reve.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.reve.conformance.support.Bodies;
import dev.reve.openai.OpenAiClient;
import dev.reve.testkit.VirtualTime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A randomized soak: many requests of every call type from several threads against one client,
 * a fifth or more of them meeting one to three faults before the server recovers. Every request
 * must end exactly once, as {@link Expectation} predicts for its faults, with its own answer.
 * The seed is printed; set {@code -Dreve.soak.seed=N} to replay a run.
 */
class SoakTest {
  static final int REQUESTS = 1200;
  static final int THREADS = 8;
  static final double FAULT_SHARE = 0.3;

  @TempDir Path dir;

  /** One logical request: its call type and the faults its attempts meet, in order. */
  record Plan(String tag, CallType call, List<Fault> faults) {}

  /** How one logical request ended. */
  record Ended(String outcome, Object value, Optional<Integer> reportedAttempts, Throwable error) {}

  @Test
  void everyRequestEndsOnceAsPredicted() throws Exception {
    long seed = Long.getLong("reve.soak.seed", 20260301L);
    List<Plan> plans = plans(new Random(seed));
    Map<String, Plan> byTag = new ConcurrentHashMap<>();
    plans.forEach(p -> byTag.put(p.tag(), p));
    Map<String, AtomicInteger> attemptsSeen = new ConcurrentHashMap<>();
    AtomicInteger strays = new AtomicInteger();
    Map<Fault, AtomicInteger> served = new ConcurrentHashMap<>();

    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              // Every call type carries its tag the same way (body or URL); CHAT's reader serves all.
              Plan plan = CallType.CHAT.tagOf(request).map(byTag::get).orElse(null);
              if (plan == null) {
                strays.incrementAndGet();
                return new MockResponse.Builder().code(418).body(Bodies.error("no plan", "test", null)).build();
              }
              int attempt =
                  attemptsSeen.computeIfAbsent(plan.tag(), t -> new AtomicInteger()).getAndIncrement();
              List<Fault> faults = plan.faults();
              if (attempt >= faults.size()) {
                return plan.call().success(plan.tag());
              }
              Fault fault = faults.get(attempt);
              served.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
              return fault.response(plan.call(), plan.tag(), Clock.systemUTC());
            }
          });
      server.start();
      VirtualTime sleeper = new VirtualTime();
      Map<String, Ended> results = new ConcurrentHashMap<>();
      AtomicInteger duplicates = new AtomicInteger();

      try (OpenAiClient client =
          FaultMatrixTest.client(server, sleeper, Clock.systemUTC())
              .callTimeout(Duration.ofSeconds(20))
              .build()) {
        CallType.Env env = new CallType.Env(client, dir);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
          assertTimeoutPreemptively(
              Duration.ofMinutes(2),
              () -> {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                  workers.add(
                      pool.submit(
                          () -> {
                            for (int i = next.getAndIncrement(); i < plans.size(); i = next.getAndIncrement()) {
                              Plan plan = plans.get(i);
                              Ended ended = run(plan, env);
                              if (results.putIfAbsent(plan.tag(), ended) != null) {
                                duplicates.incrementAndGet();
                              }
                            }
                          }));
                }
                for (Future<?> worker : workers) {
                  worker.get();
                }
              });
        } finally {
          pool.shutdownNow();
        }
      }

      Map<String, Integer> outcomes = new TreeMap<>();
      List<String> mismatches = new ArrayList<>();
      for (Plan plan : plans) {
        Ended ended = results.get(plan.tag());
        if (ended == null) {
          mismatches.add(plan.tag() + ": lost, no result");
          continue;
        }
        outcomes.merge(ended.outcome(), 1, Integer::sum);
        Expectation expected = Expectation.of(plan.call(), plan.faults(), FaultMatrixTest.POLICY);
        int seen = Optional.ofNullable(attemptsSeen.get(plan.tag())).map(AtomicInteger::get).orElse(0);
        String where = plan.tag() + " (" + plan.call() + ", faults " + plan.faults() + ")";
        if (!ended.outcome().equals(expected.outcome())) {
          mismatches.add(where + ": expected " + expected.outcome() + " but ended " + ended.outcome()
              + (ended.error() == null ? "" : " - " + ended.error()));
        } else if (expected.succeeds() && !plan.call().expected(plan.tag()).equals(ended.value())) {
          mismatches.add(where + ": answered " + ended.value() + ", another request's answer");
        }
        if (seen != expected.attempts()) {
          mismatches.add(where + ": server saw " + seen + " attempts, expected " + expected.attempts());
        }
        ended.reportedAttempts()
            .filter(reported -> reported != expected.attempts())
            .ifPresent(reported -> mismatches.add(where + ": metadata says " + reported + " attempts"));
      }

      long faulty = plans.stream().filter(p -> !p.faults().isEmpty()).count();
      Map<Fault, Integer> injected = new TreeMap<>();
      served.forEach((f, n) -> injected.put(f, n.get()));
      System.out.printf(
          "Soak (seed %d): %d requests from %d threads, %d with faults (%.0f%%), %d faulty answers"
              + " served, %d HTTP requests in all%n  outcomes: %s%n  faults served: %s%n",
          seed, plans.size(), THREADS, faulty, 100.0 * faulty / plans.size(),
          injected.values().stream().mapToInt(Integer::intValue).sum(), server.getRequestCount(),
          outcomes, injected);

      assertThat(faulty).isGreaterThanOrEqualTo((long) (0.2 * plans.size()));
      assertThat(duplicates.get()).as("requests that ended twice").isZero();
      assertThat(strays.get()).as("requests the server could not trace to a plan").isZero();
      assertThat(results).hasSize(plans.size());
      assertThat(mismatches).as("requests that did not end as predicted").isEmpty();
    }
  }

  private static Ended run(Plan plan, CallType.Env env) {
    try {
      CallType.Result result = plan.call().invoke(env, plan.tag());
      return new Ended("success", result.value(), result.metadata().map(m -> m.attempts()), null);
    } catch (Throwable e) {
      return new Ended(e.getClass().getSimpleName(), null, Optional.empty(), e);
    }
  }

  /** The requests, decided up front from the seed so a run can be replayed exactly. */
  static List<Plan> plans(Random random) {
    List<CallType> calls =
        List.of(CallType.CHAT, CallType.CHAT_STREAM, CallType.UPLOAD, CallType.JOB_CREATE,
            CallType.JOB_RETRIEVE, CallType.LIST);
    List<Plan> plans = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      CallType call = calls.get(random.nextInt(calls.size()));
      List<Fault> faults = new ArrayList<>();
      if (random.nextDouble() < FAULT_SHARE) {
        double roll = random.nextDouble();
        int count = roll < 0.6 ? 1 : roll < 0.85 ? 2 : 3;
        List<Fault> possible = new ArrayList<>();
        for (Fault fault : Fault.values()) {
          if (fault.appliesTo(call)) {
            possible.add(fault);
          }
        }
        for (int f = 0; f < count; f++) {
          faults.add(possible.get(random.nextInt(possible.size())));
        }
      }
      plans.add(new Plan("s" + i, call, List.copyOf(faults)));
    }
    return plans;
  }
}
