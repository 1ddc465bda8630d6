package dev.reve.examples;

import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchListener;
import dev.reve.analysis.batch.BatchPart;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.openai.OpenAiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Analyses a JSONL file of dreams ({@code {"id", "content", ...}} a line) with Jung and Freud
 * through the Batch API, at half the price: submits (resuming a run already in the directory),
 * waits with progress, prints each analysis's first line and resubmits the lines without one.
 *
 * <p>Needs {@code OPENAI_API_KEY}. Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl reve-examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.reve.examples.AnalyzeArchive -Dexec.args="dreams.jsonl archive-run"
 * </pre>
 */
public final class AnalyzeArchive {
  private AnalyzeArchive() {}

  /** Arguments: the dreams file, and the run's directory (default {@code reve-batch}). */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: AnalyzeArchive DREAMS.jsonl [RUN_DIR]");
      System.exit(2);
    }
    Path dreams = Path.of(args[0]);
    Path dir = Path.of(args.length > 1 ? args[1] : "reve-batch");
    try (OpenAiClient client = OpenAiClient.fromEnv();
        DreamAnalysts analysts = DreamAnalysts.fromEnvironment(client)) {
      BatchAnalysis run = BatchAnalysis.builder(analysts, dir)
          .listener(new BatchListener() {
            @Override
            public void onStep(String partId, String message) {
              System.err.println(partId + " " + message);
            }

            @Override
            public void onProgress(BatchPart part) {
              System.err.println(part.id() + " " + part.status().orElse("?") + " "
                  + part.counts().map(c -> c.done()).orElse(0) + "/" + part.lines());
            }
          })
          .build();
      BatchRunState state = run.submit(dreams);
      state.estimate().ifPresent(e -> System.err.println(e.summary()));
      run.waitFor(Duration.ofMinutes(1), Duration.ofHours(24));
      AtomicLong missing = new AtomicLong();
      run.collect(result -> {
        String head = result.analysis()
            .map(a -> a.status() + ": " + a.text().lines().findFirst().orElse(""))
            .orElseGet(() -> {
              missing.incrementAndGet();
              return "no analysis: " + result.error().orElse("");
            });
        System.out.println(result.dreamId() + " " + result.analystId() + " " + head);
      });
      if (missing.get() > 0) {
        System.err.println("resubmitting " + missing.get() + " line(s); run again later to collect them");
        run.resubmitFailed();
      }
    }
  }
}
