package dev.reve.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.reve.analysis.Analysis;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchPart;
import dev.reve.analysis.batch.BatchResult;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.openai.OpenAiClient;
import dev.reve.storage.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reve batch collect [--out DIR] [--to FILE] [--resubmit-failed]}. */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = {
      "Print the results of the finished batches as JSONL, one line per dream and analyst: the"
          + " analysis (status, model, tokens, text) or the error. Lines that failed, or that an"
          + " expired or cancelled batch never ran, say so; --resubmit-failed sends them again.",
      "Exit 0 when every request has an analysis, 1 when some are missing or still running."
    })
public final class BatchCollectCommand extends Subcommand {
  private static final JsonAdapter<Object> LINE = new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = BatchCommand.DEFAULT_DIR,
      description = "The run's directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--to", paramLabel = "FILE",
      description = "Write the JSONL here (replaced once complete) instead of standard output.")
  Path to;

  @Option(names = "--resubmit-failed", description = "Afterwards, send the lines without an analysis again.")
  boolean resubmit;

  /** Created by picocli. */
  public BatchCollectCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    AtomicLong analyses = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    BatchRunState state;
    try (OpenAiClient client = client(); DreamAnalysts analysts = Analysts.open(client, env)) {
      List<String> ids = BatchCommand.recordedAnalysts(env, analysts, out);
      BatchAnalysis run = BatchCommand.run(env, analysts, out, ids);
      if (to == null) {
        state = run.collect(r -> {
          out().println(line(r, analyses, failures));
        });
        out().flush();
      } else {
        try (AtomicFiles.Replacement file = AtomicFiles.begin(env.resolve(to))) {
          Writer writer = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8));
          state = run.collect(r -> write(writer, line(r, analyses, failures)));
          writer.flush();
          file.commit();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot write " + to + ": " + e.getMessage(), e);
        }
      }
      if (resubmit) {
        List<BatchPart> again = run.resubmitFailed();
        err().println(again.isEmpty() ? "Nothing to resubmit." : "Resubmitted " + again.stream()
            .mapToLong(BatchPart::lines).sum() + " line(s) in " + again.size() + " batch(es).");
      }
    }
    long expected = state.requests();
    err().println(analyses.get() + " analyses, " + failures.get() + " without analysis, "
        + Math.max(0, expected - analyses.get() - failures.get()) + " still running, of " + expected + " requests.");
    err().flush();
    return analyses.get() == expected ? ExitCode.OK : ExitCode.FAILURE;
  }

  private static void write(Writer writer, String line) {
    try {
      writer.write(line);
      writer.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String line(BatchResult r, AtomicLong analyses, AtomicLong failures) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("dream_id", r.dreamId());
    map.put("analyst", r.analystId());
    map.put("batch_part", r.partId());
    if (r.analysis().isPresent()) {
      analyses.incrementAndGet();
      Analysis a = r.analysis().get();
      map.put("status", a.status().name().toLowerCase(Locale.ROOT));
      map.put("model", a.model());
      map.put("fine_tuned", a.fineTuned());
      map.put("finish_reason", a.finishReason().name().toLowerCase(Locale.ROOT));
      map.put("truncated", a.truncated());
      map.put("refusal", a.refusal().orElse(null));
      map.put("tokens", JsonOutput.tokens(a.usage()));
      map.put("request_id", a.requestId().orElse(null));
      map.put("text", a.text());
    } else {
      failures.incrementAndGet();
      map.put("status", "failed");
      map.put("error", r.error().orElseThrow());
      map.put("resubmit", r.resubmit());
    }
    return LINE.toJson(map);
  }
}
