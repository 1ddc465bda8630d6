package dev.reve.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Time from the server writing an SSE delta to the client's listener receiving it, for the
 * floor, this SDK and openai-java. A {@link BenchServer} process writes live streams of {@value
 * BenchServer#LIVE_EVENTS} deltas, each stamped with the server's {@link System#nanoTime()} as it
 * is flushed; the listener subtracts that from its own clock (one monotonic clock per Linux host).
 * Prints the median, 90th and 99th percentile per client, in microseconds.
 *
 * <p>{@code --streams N} measured streams per client (default 200, after 100 to warm up).
 */
public final class StreamLatencyCheck {
  private StreamLatencyCheck() {}

  /** Runs the check; see the class comment. */
  public static void main(String[] args) {
    int streams = 200;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--streams") && i + 1 < args.length) {
        streams = Integer.parseInt(args[++i]);
      } else {
        System.err.println("usage: StreamLatencyCheck [--streams N]");
        System.exit(64);
      }
    }
    try (RemoteBenchServer server = RemoteBenchServer.start()) {
      System.out.println("| client | median µs | p90 µs | p99 µs | deltas |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (String name : new String[] {"floor", "reve", "openai-java"}) {
        long[] latencies = measure(name, server.liveBaseUrl(), 100, streams);
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d |%n", name,
            percentile(latencies, 0.5), percentile(latencies, 0.9), percentile(latencies, 0.99),
            latencies.length);
      }
    }
  }

  /** Latencies in nanoseconds of every delta of {@code streams} streams after {@code warmUp}. */
  static long[] measure(String client, String baseUrl, int warmUp, int streams) {
    long[] latencies = new long[streams * BenchServer.LIVE_EVENTS];
    int[] n = new int[1];
    try (BenchChat chat = BenchChat.of(client, baseUrl)) {
      for (int s = 0; s < warmUp + streams; s++) {
        boolean measured = s >= warmUp;
        int before = n[0];
        chat.stream(delta -> {
          long now = System.nanoTime();
          if (measured) {
            latencies[n[0]++] = now - Long.parseLong(delta.strip());
          }
        });
        if (measured && n[0] - before != BenchServer.LIVE_EVENTS) {
          throw new IllegalStateException(
              client + " delivered " + (n[0] - before) + " of " + BenchServer.LIVE_EVENTS + " deltas");
        }
      }
    }
    return Arrays.copyOf(latencies, n[0]);
  }

  private static double percentile(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1_000.0;
  }
}
