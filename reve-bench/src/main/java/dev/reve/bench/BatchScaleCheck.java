package dev.reve.bench;

import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchListener;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.openai.OpenAiClient;
import dev.reve.testkit.OpenAiEmulator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 10,000 dreams by 2 analysts through the Batch API in a 64 MB heap: streams a dreams file into
 * batch lines, submits, polls the emulator until done and collects every analysis, then reports
 * wall time, peak heap and lines per second for building and for collecting. The emulator holds
 * every file in memory (it is a test server), so it runs in this JVM and the SDK side in a child
 * JVM with the small heap:
 *
 * <pre>
 * java -cp reve-bench/target/benchmarks.jar dev.reve.bench.BatchScaleCheck [--dreams 10000] [--heap 64m]
 * </pre>
 *
 * Exit status: the child's (0 when every request came back as an analysis).
 */
public final class BatchScaleCheck {
  private static final String DREAM = "I was walking through my grandmother's house, but the rooms kept going"
      + " on past where the walls should have been. In the last room the floor was water, and a white horse"
      + " stood in it up to its knees, looking at me as if it had been waiting a long time. I wanted to touch"
      + " it but my hands were full of keys I did not recognise, and when I tried to put them down the water"
      + " rose and the horse turned away towards a door that had not been there before.";

  private BatchScaleCheck() {}

  /** Starts the emulator and the child; with {@code --client URL DIR N} it is the child. */
  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("--client")) {
      System.exit(client(args[1], Path.of(args[2]), Integer.parseInt(args[3])));
    }
    int dreams = 10_000;
    String heap = "64m";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dreams" -> dreams = Integer.parseInt(args[++i]);
        case "--heap" -> heap = args[++i];
        default -> {
          System.err.println("unknown option " + args[i] + "; use --dreams N, --heap SIZE");
          System.exit(64);
        }
      }
    }
    System.exit(parent(dreams, heap));
  }

  private static int parent(int dreams, String heap) throws Exception {
    Path dir = Files.createTempDirectory("reve-batch-scale");
    try (OpenAiEmulator api = OpenAiEmulator.start()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp",
          System.getProperty("java.class.path"), BatchScaleCheck.class.getName(), "--client", api.baseUrl(),
          dir.toString(), String.valueOf(dreams)));
      Process child = new ProcessBuilder(command).inheritIO().start();
      if (!child.waitFor(30, TimeUnit.MINUTES)) {
        child.destroyForcibly();
        System.out.println("FAIL: the child did not finish in 30 minutes");
        return 3;
      }
      return child.exitValue();
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static int client(String baseUrl, Path dir, int count) throws IOException {
    Path dreamsFile = dir.resolve("dreams.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(dreamsFile, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        w.write("{\"id\":\"dream-" + i + "\",\"title\":\"Night " + i + "\",\"content\":\"" + DREAM + " (" + i + ")\",\"context\":\"34, nurse, a new job next week\"}\n");
      }
    }
    try (OpenAiClient client = OpenAiClient.builder().baseUrl(baseUrl).apiKey(OpenAiEmulator.API_KEY).build();
        DreamAnalysts analysts = DreamAnalysts.builder(client).resolver(ModelResolver.isolated())
            .checkShutdownDates(false).build()) {
      long[] builtAt = new long[1];
      HeapWatch watch = HeapWatch.start();
      AtomicLong results = new AtomicLong();
      AtomicLong analysesCount = new AtomicLong();
      long start;
      long submitted;
      long finished;
      long collected;
      BatchRunState state;
      try (watch) {
        BatchAnalysis run = BatchAnalysis.builder(analysts, dir.resolve("run"))
            .listener(new BatchListener() {
              @Override
              public void onStep(String partId, String message) {
                if (builtAt[0] == 0 && message.contains("batch file(s) written")) {
                  builtAt[0] = System.nanoTime();
                }
              }

              @Override
              public void onLinesWritten(long lines) {
                watch.probe();
              }
            })
            .build();
        start = System.nanoTime();
        state = run.submit(dreamsFile);
        submitted = System.nanoTime();
        run.waitFor(Duration.ofMillis(200), Duration.ofHours(1));
        finished = System.nanoTime();
        Path out = dir.resolve("results.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
          run.collect(r -> {
            if (results.incrementAndGet() % 5_000 == 0) {
              watch.probe();
            }
            r.analysis().ifPresent(a -> analysesCount.incrementAndGet());
            try {
              w.write(r.dreamId() + "\t" + r.analystId() + "\t" + r.analysis().map(a -> a.text()).orElse("") + "\n");
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
        }
        collected = System.nanoTime();
      }
      long lines = state.requests();
      double build = (builtAt[0] - start) / 1e9;
      double collect = (collected - finished) / 1e9;
      out("JVM: %s %s, max heap %s", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
          mb(watch.maxHeap()));
      out("%d dreams x %d analysts = %d request lines in %d batch(es), %s of batch files", count,
          state.analysts().size(), lines, state.parts().size(),
          mb(state.parts().stream().mapToLong(p -> p.bytes()).sum()));
      out("estimate: %s", state.estimate().map(e -> e.summary()).orElse("-"));
      out("building lines: %.2f s, %,.0f lines/s", build, lines / build);
      out("upload + create: %.2f s", (submitted - builtAt[0]) / 1e9);
      out("emulator run + polling: %.2f s", (finished - submitted) / 1e9);
      out("collecting (download, parse, write): %.2f s, %,.0f lines/s", collect, results.get() / collect);
      out("wall: %.2f s", (collected - start) / 1e9);
      out("heap baseline %s; peak in use (garbage included) %s; peak after GC %s; peak after forced GC %s"
          + " (%d probes)", mb(watch.baseline()), mb(watch.peakUsed()), mb(watch.peakAfterGc()),
          mb(watch.peakProbe()), watch.probes());
      if (analysesCount.get() != lines || results.get() != lines) {
        out("FAIL: %d analyses and %d results for %d requests", analysesCount.get(), results.get(), lines);
        return 1;
      }
      out("OK: every request came back as an analysis");
      return 0;
    }
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
