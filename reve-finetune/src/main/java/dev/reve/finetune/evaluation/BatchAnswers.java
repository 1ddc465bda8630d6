package dev.reve.finetune.evaluation;

import com.squareup.moshi.JsonAdapter;
import dev.reve.analysis.Analysis;
import dev.reve.analysis.AnalystRequests;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.DreamLimits;
import dev.reve.analysis.ModelResolver;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchListener;
import dev.reve.analysis.batch.BatchPart;
import dev.reve.analysis.batch.BatchResult;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.analysis.batch.DreamRecord;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.models.ModelCatalog;
import dev.reve.openai.models.PriceTier;
import dev.reve.openai.spi.Json;
import dev.reve.storage.AtomicFiles;
import dev.reve.storage.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Sends a comparison's uncached answers through the Batch API and puts what comes back into the
 * answer cache, under the key the answer has when asked alone: one {@link BatchAnalysis} per
 * candidate, sample and analyst (a batch line is one analyst's request at one model and one set of
 * sampling options), each in its own folder of {@link CompareBatch#directory}.
 *
 * <p>Each folder holds a manifest ({@value #MANIFEST}: which cache key, dream and sample each line
 * answers), written before the run's state file, and the run's own state. A folder with a state
 * file is an open run: the next comparison waits for it and collects it before sending anything
 * (its lines are never sent again); a folder without one sent nothing and is removed. A run whose
 * answers are in the cache is removed too. The batch line of an answer is {@link
 * AnalystRequests#request}, checked against the request the answer would be asked with alone, so
 * both ways share one cache.
 */
final class BatchAnswers {
  static final String MANIFEST = "compare-batch.json";
  private static final String FORMAT = "reve-compare-batch-1";
  private static final JsonAdapter<Object> JSON = Json.MOSHI.adapter(Object.class);

  private final OpenAiClient client;
  private final CompareOptions options;
  private final CompareBatch settings;
  private final AnswerCache cache;
  private final Clock clock;

  /** What a run folder's manifest says. */
  private record Manifest(String candidate, int sample, String analyst, String model,
      Map<String, Line> lines) {}

  /** One line of a run: the dream and prompt its cache key stands for. */
  private record Line(String dreamId, String promptHash) {}

  /** An open run and its folder. */
  private record Open(Path dir, Manifest manifest) {}

  BatchAnswers(OpenAiClient client, CompareOptions options, CompareBatch settings, AnswerCache cache) {
    this.client = client;
    this.options = options;
    this.settings = settings;
    this.cache = cache;
    this.clock = settings.clock();
  }

  /**
   * Collects the runs an earlier comparison left open, then sends every answer of {@code pending}
   * they do not cover, waits for all of them within the timeout and collects them.
   *
   * @return the answers (and failed lines) that came back now, by cache key
   * @throws BatchPendingException when some batches have not finished in time
   */
  Map<String, Answer> run(List<AnswerRunner.Asked> pending) {
    Instant deadline = clock.instant().plus(settings.timeout());
    List<Open> open = new ArrayList<>(earlierRuns());
    java.util.Set<String> covered = new java.util.HashSet<>();
    open.forEach(o -> covered.addAll(o.manifest().lines().keySet()));
    Map<String, AnswerRunner.Asked> unique = new LinkedHashMap<>();
    pending.stream().filter(a -> !covered.contains(a.key())).forEach(a -> unique.putIfAbsent(a.key(), a));
    Map<List<Object>, List<AnswerRunner.Asked>> groups = unique.values().stream().collect(Collectors.groupingBy(
        a -> List.of(a.candidate(), a.sample(), a.analystId()), LinkedHashMap::new, Collectors.toList()));
    for (List<AnswerRunner.Asked> group : groups.values()) {
      open.add(submit(group));
    }
    Map<String, Answer> got = new LinkedHashMap<>();
    List<Path> unfinished = new ArrayList<>();
    List<String> batchIds = new ArrayList<>();
    for (Open run : open) {
      Duration left = Duration.between(clock.instant(), deadline);
      BatchRunState state = withRun(run, r -> r.waitFor(settings.pollInterval(),
          left.isNegative() ? Duration.ZERO : left));
      if (!state.allFinished()) {
        unfinished.add(run.dir());
        state.parts().forEach(p -> batchIds.add(p.batchId().orElse(p.id() + " (not created yet)")));
        continue;
      }
      withRun(run, r -> r.collect(result -> collected(run.manifest(), result, got)));
      options.progress().accept("batch " + run.dir().getFileName() + ": collected " + run.manifest().lines().size()
          + " answers of " + run.manifest().analyst() + " by " + run.manifest().candidate());
      deleteTree(run.dir());
    }
    if (!unfinished.isEmpty()) {
      throw new BatchPendingException(unfinished, batchIds, settings.timeout());
    }
    return got;
  }

  private Open submit(List<AnswerRunner.Asked> group) {
    AnswerRunner.Asked first = group.get(0);
    String keys = group.stream().map(AnswerRunner.Asked::key).sorted().collect(Collectors.joining("\n"));
    Path dir = settings.directory().resolve("run-" + Sha256.hex(keys).substring(0, 16));
    Map<String, Line> lines = new LinkedHashMap<>();
    group.forEach(a -> lines.put(a.key(), new Line(a.dream().id(), a.promptHash())));
    Manifest manifest = new Manifest(first.candidate(), first.sample(), first.analystId(), first.model(), lines);
    writeManifest(dir, manifest);
    Open run = new Open(dir, manifest);
    try (DreamAnalysts analysts = analysts(manifest, first)) {
      AnalystRequests requests = analysts.requests(first.analystId(), first.sampling());
      List<DreamRecord> records = new ArrayList<>();
      for (AnswerRunner.Asked a : group) {
        if (!AnswerRunner.requestJson(requests.request(a.dream().dream())).equals(a.requestJson())) {
          throw new IllegalStateException("the batch line for dream " + a.dream().id() + " by " + a.analystId()
              + " differs from the request the comparison sends alone; its answer would be cached under the"
              + " wrong key, so nothing was sent");
        }
        records.add(new DreamRecord(a.key(), a.dream().dream()));
      }
      BatchRunState state = batchRun(analysts, run).submit(records.iterator());
      options.progress().accept("batch " + dir.getFileName() + ": " + group.size() + " answers of " + first.analystId()
          + " by " + first.candidate() + " (sample " + first.sample() + ") sent as batch "
          + state.parts().stream().map(p -> p.batchId().orElse("?")).collect(Collectors.joining(", "))
          + state.estimate().map(e -> "; " + e.summary()).orElse(""));
    }
    return run;
  }

  private void collected(Manifest manifest, BatchResult result, Map<String, Answer> got) {
    Line line = manifest.lines().get(result.dreamId());
    if (line == null) {
      return;
    }
    String now = options.clock().instant().toString();
    Answer answer;
    if (result.analysis().isPresent()) {
      Analysis a = result.analysis().get();
      answer = new Answer(line.dreamId(), manifest.analyst(), manifest.candidate(), manifest.sample(),
          manifest.model(), a.model(), Optional.empty(), line.promptHash(), a.text(), a.status(), a.refusal(),
          a.usage().promptTokens(), a.usage().completionTokens(), 0, a.requestId(), now, Optional.empty(),
          PriceTier.BATCH, AnswerRunner.cachedTokens(a.usage()));
      cache.putAnswer(result.dreamId(), answer);
    } else {
      answer = new Answer(line.dreamId(), manifest.analyst(), manifest.candidate(), manifest.sample(),
          manifest.model(), manifest.model(), Optional.empty(), line.promptHash(), "",
          dev.reve.analysis.AnalysisStatus.UNEXPECTED, Optional.empty(), 0, 0, 0, Optional.empty(), now,
          Optional.of("batch line failed: " + result.error().orElse("no answer")), PriceTier.BATCH, Optional.empty());
    }
    got.put(result.dreamId(), answer);
  }

  /** The run folders an earlier comparison left: open runs to finish; folders that sent nothing go. */
  private List<Open> earlierRuns() {
    if (!Files.isDirectory(settings.directory())) {
      return List.of();
    }
    List<Open> open = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(settings.directory())) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        Optional<Manifest> manifest = readManifest(dir);
        if (manifest.isEmpty()) {
          deleteTree(dir);   // the manifest is written before anything is sent
          continue;
        }
        Open run = new Open(dir, manifest.get());
        if (withRun(run, BatchAnalysis::state).isEmpty()) {
          deleteTree(dir);   // the state file is written before the first upload
          continue;
        }
        options.progress().accept("batch " + dir.getFileName() + ": an earlier comparison left this run open;"
            + " collecting it before sending anything");
        // A run stopped between its upload and its batch creates the batch now, once: the state
        // file says what exists, and the upload and batch are looked for on the server first.
        withRun(run, r -> r.submit(java.util.Collections.emptyIterator()));
        open.add(run);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + settings.directory(), e);
    }
    return open;
  }

  private <T> T withRun(Open run, Function<BatchAnalysis, T> step) {
    try (DreamAnalysts analysts = analysts(run.manifest(), null)) {
      return step.apply(batchRun(analysts, run));
    }
  }

  private BatchAnalysis batchRun(DreamAnalysts analysts, Open run) {
    return BatchAnalysis.builder(analysts, run.dir())
        .analysts(List.of(run.manifest().analyst()))
        .prices(options.prices())
        .sleeper(settings.sleeper())
        .clock(clock)
        .listener(new BatchListener() {
          @Override
          public void onProgress(BatchPart part) {
            options.progress().accept("batch " + run.dir().getFileName() + ": " + part.state()
                + part.counts().map(c -> " " + c.completed() + "/" + c.total()).orElse(""));
          }
        })
        .build();
  }

  /**
   * Analysts whose one model is the run's, shaped by the built-in table and the default limits,
   * exactly as {@link AnswerRunner} shapes a request sent alone.
   */
  private DreamAnalysts analysts(Manifest manifest, AnswerRunner.Asked sampling) {
    DreamAnalysts.Builder b = DreamAnalysts.builder(client)
        .registry(options.registry())
        .resolver(ModelResolver.builder().isolated().model(manifest.analyst(), manifest.model()).build())
        .modelCatalog(ModelCatalog.builtIn())
        .limits(DreamLimits.DEFAULT)
        .checkShutdownDates(false);
    if (sampling != null) {
      b.options(sampling.sampling());
    }
    return b.build();
  }

  private static void writeManifest(Path dir, Manifest manifest) {
    Map<String, Object> lines = new LinkedHashMap<>();
    manifest.lines().forEach((key, line) -> lines.put(key, Map.of("dream_id", line.dreamId(),
        "prompt_sha256", line.promptHash())));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("candidate", manifest.candidate());
    doc.put("sample", manifest.sample());
    doc.put("analyst", manifest.analyst());
    doc.put("model", manifest.model());
    doc.put("lines", lines);
    AtomicFiles.writeOwnerOnly(dir.resolve(MANIFEST), JSON.indent("  ").toJson(doc).getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Optional<Manifest> readManifest(Path dir) {
    Path file = dir.resolve(MANIFEST);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Map<String, Object> doc = (Map<String, Object>) JSON.fromJson(Files.readString(file, StandardCharsets.UTF_8));
      if (doc == null || !FORMAT.equals(doc.get("format"))) {
        throw new IllegalStateException("not a " + FORMAT + " file");
      }
      Map<String, Line> lines = new LinkedHashMap<>();
      ((Map<String, Map<String, Object>>) doc.get("lines")).forEach((key, line) ->
          lines.put(key, new Line((String) line.get("dream_id"), (String) line.get("prompt_sha256"))));
      return Optional.of(new Manifest((String) doc.get("candidate"), ((Number) doc.get("sample")).intValue(),
          (String) doc.get("analyst"), (String) doc.get("model"), lines));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("The batch run manifest " + file + " cannot be read (" + e.getMessage()
          + "); its batches may still be open on the server. Restore the file, or delete " + dir
          + " to start over (its open batches are then not collected).", e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the finished batch run " + dir, e);
    }
  }
}
