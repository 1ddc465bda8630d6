package dev.reve.finetune.distill;

import dev.reve.analysis.ModelChoice;
import dev.reve.openai.spi.Json;
import dev.reve.storage.AtomicFiles;
import dev.reve.storage.Sha256;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provenance file beside a distilled set ({@code jung-examples.provenance.json}, format
 * {@value #FORMAT}): which model answered, on which host (never a key), when, for which analyst
 * and prompt, from which inputs, what was left out, and what the validator said. Written after
 * every run, also when the set was not written.
 */
final class Provenance {
  static final String FORMAT = "reve-distillation";
  static final int VERSION = 1;

  private Provenance() {}

  static void write(DistillResult result, ModelChoice choice, String host, String fingerprint, String startedAt,
      DistillInputs inputs, DistillOptions options) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("version", VERSION);
    doc.put("analyst", result.analyst());
    doc.put("model", result.model());
    doc.put("model_setting", choice.setting());
    doc.put("base_url_host", host);
    doc.put("distilled_on", LocalDate.ofInstant(options.clock().instant(), ZoneOffset.UTC).toString());
    doc.put("started_at", startedAt);
    doc.put("finished_at", options.clock().instant().toString());
    doc.put("prompt_fingerprint", fingerprint);
    doc.put("shutdown_date", result.shutdown().map(s -> s.shutdownDate().toString()).orElse(null));
    doc.put("days_left", result.shutdown().map(ShutdownNotice::daysLeft).orElse(null));
    doc.put("multi_turn", "turn by turn: the model answers the dream, then each of the dreamer's replies"
        + " from the source example, seeing its own earlier answers");
    List<Map<String, Object>> sources = new java.util.ArrayList<>();
    sources.add(source("training", options.trainingFile()));
    options.dreamsFile().ifPresent(d -> sources.add(source("dreams", d)));
    doc.put("sources", sources);
    doc.put("items", inputs.items().size());
    doc.put("examples", result.examples());
    doc.put("multi_turn_examples", inputs.items().stream().filter(i -> !i.replies().isEmpty()).count());
    doc.put("asked_this_run", result.asked());
    doc.put("through_batch_api", options.batch().isPresent());
    doc.put("pending", result.pending().orElse(null));
    doc.put("from_journal", result.fromJournal());
    doc.put("rejected", result.rejected().stream().map(Provenance::rejection).toList());
    doc.put("skipped", result.skipped().stream().map(Provenance::rejection).toList());
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("path", result.output().getFileName().toString());
    output.put("written", result.ok());
    output.put("sha256", result.written().map(w -> w.sha256()).orElse(null));
    output.put("bytes", result.written().map(w -> w.bytes()).orElse(null));
    output.put("errors", result.report().errorCount());
    output.put("warnings", result.report().warningCount());
    output.put("tokens", result.report().tokens().total());
    doc.put("output", output);
    String json = Json.MOSHI.adapter(Object.class).indent("  ").toJson(doc) + "\n";
    AtomicFiles.write(options.provenanceFile(), json.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> source(String kind, Path file) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("kind", kind);
    map.put("path", file.toString());
    map.put("sha256", sha256(file).orElse(null));
    return map;
  }

  private static Map<String, Object> rejection(Rejection r) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", r.id());
    map.put("turn", r.turn());
    map.put("reason", r.reason());
    return map;
  }

  private static Optional<String> sha256(Path file) {
    try {
      return Optional.of(Sha256.ofFile(file).sha256());
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
