package dev.reve.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU per chat call under eight threads, the three clients taking turns in one JVM against the
 * {@link BenchServer} process: {@value #ROUNDS} rounds, each client in each round warmed up for
 * {@value #WARM_UP_SECONDS} s and then measured for {@value #MEASURE_SECONDS} s (this process's
 * CPU time, every thread, over the calls completed). The first round is reported but left out of
 * the medians: it includes the JIT compiling each client's code. Beside {@code
 * SideBySideBenchmark.roundTripLoaded}, which runs each client in its own fork, this shows whether
 * a gap under load is the client's steady cost or its warm-up.
 *
 * <pre>java -cp reve-bench/target/benchmarks.jar dev.reve.bench.LoadedCpuCheck</pre>
 */
public final class LoadedCpuCheck {
  static final int ROUNDS = 4;
  static final int THREADS = 8;
  static final int WARM_UP_SECONDS = 4;
  static final int MEASURE_SECONDS = 8;
  private static final String[] CLIENTS = {"reve", "floor", "openai-java"};

  private LoadedCpuCheck() {}

  /** Runs the rounds and prints a line per client and round, then the medians. */
  public static void main(String[] args) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    try (RemoteBenchServer server = RemoteBenchServer.start()) {
      for (int round = 0; round < ROUNDS; round++) {
        for (String name : CLIENTS) {
          double[] result = measure(name, server.baseUrl(), os);
          System.out.printf(Locale.ROOT, "round %d  %-12s %,9.0f calls/s  %8.1f µs CPU per call%n",
              round, name, result[0], result[1]);
          if (round > 0) {
            cpu.computeIfAbsent(name, k -> new ArrayList<>()).add(result[1]);
          }
        }
      }
    }
    double floor = median(cpu.get("floor"));
    System.out.println("| client | CPU per call, 8 threads, median of rounds 1-" + (ROUNDS - 1) + " | / floor |");
    System.out.println("|---|---:|---:|");
    for (String name : CLIENTS) {
      double m = median(cpu.get(name));
      System.out.printf(Locale.ROOT, "| %s | %.1f µs | %.2fx |%n", name, m, m / floor);
    }
  }

  private static double[] measure(String name, String baseUrl, com.sun.management.OperatingSystemMXBean os)
      throws Exception {
    try (BenchChat chat = BenchChat.of(name, baseUrl)) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      AtomicBoolean counting = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong calls = new AtomicLong();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(pool.submit(() -> {
          while (!stop.get()) {
            chat.complete();
            if (counting.get()) {
              calls.incrementAndGet();
            }
          }
          return null;
        }));
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(WARM_UP_SECONDS));
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      counting.set(true);
      Thread.sleep(TimeUnit.SECONDS.toMillis(MEASURE_SECONDS));
      counting.set(false);
      long cpu1 = os.getProcessCpuTime();
      long t1 = System.nanoTime();
      stop.set(true);
      for (Future<?> w : workers) {
        w.get(30, TimeUnit.SECONDS); // a failed call fails the check
      }
      pool.shutdown();
      long n = Math.max(1, calls.get());
      return new double[] {n / ((t1 - t0) / 1e9), (cpu1 - cpu0) / 1e3 / n};
    }
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
