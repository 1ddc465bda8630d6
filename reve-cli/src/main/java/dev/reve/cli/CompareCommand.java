package dev.reve.cli;

import dev.reve.analysis.AnalysisOptions;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.analysis.ModelChoice;
import dev.reve.analysis.ModelResolver;
import dev.reve.finetune.evaluation.BatchPendingException;
import dev.reve.finetune.evaluation.Candidate;
import dev.reve.finetune.evaluation.CompareBatch;
import dev.reve.finetune.evaluation.CompareOptions;
import dev.reve.finetune.evaluation.Comparison;
import dev.reve.finetune.evaluation.ComparisonResult;
import dev.reve.finetune.evaluation.EvalDream;
import dev.reve.finetune.evaluation.EvalDreams;
import dev.reve.finetune.evaluation.GroupFigures;
import dev.reve.finetune.evaluation.PairFigures;
import dev.reve.finetune.evaluation.Recording;
import dev.reve.finetune.evaluation.ScoredAnswer;
import dev.reve.finetune.evaluation.report.ReportFiles;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.models.PriceTier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reve compare}: the evaluation dreams answered by two or more models, measured, judged and reported. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare models on the evaluation dreams: each analyst answers every dream with each model,"
          + " the answers are measured (own-school terms, other-school terms, anachronisms, length,"
          + " repetition, associations asked for, dream details taken up, refusals, truncations,"
          + " safety, latency, tokens, cost) and, with --judge, scored on a rubric and compared"
          + " pairwise in both orders with the model names removed.",
      "Writes report.html (self-contained), summary.md and report.json into --out. Answers are"
          + " cached in OUT/cache: an interrupted run continues, a rerun sends nothing.",
      "By default the base model (with the system prompt) is compared with each analyst's"
          + " configured fine-tune. With --batch the answers go through the Batch API at half the price.",
      "Exit 0 when answers came back, 1 when --batch's batches are still running after --batch-wait"
          + " (run again to collect them), 2 for a usage error, 3 when every answer failed."
    })
public final class CompareCommand extends Subcommand {
  @Option(names = "--analyst", paramLabel = "ID[,ID...]", defaultValue = "all",
      description = "jung, freud, both separated by a comma, or all (default: ${DEFAULT-VALUE}).")
  String analyst;

  @Option(names = "--models", paramLabel = "A,B,...", split = ",",
      description = "The models to compare, the first being the baseline: a model id, LABEL=MODEL, or"
          + " @FILE for answers recorded with --record. Default: base,fine-tuned.")
  List<String> models;

  @Option(names = "--dreams", paramLabel = "FILE",
      description = "Evaluation dreams, JSON Lines (default: " + EvalDreams.DEFAULT_FILE + ").")
  Path dreams;

  @Option(names = "--limit", paramLabel = "N", description = "Use only the first N dreams.")
  Integer limit;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "1",
      description = "Answers per dream, analyst and model (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--judge", paramLabel = "MODEL",
      description = "Score and compare the answers with this model, ideally of another family.")
  String judge;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
      description = "Calls in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--seed", paramLabel = "N", description = "Sampling seed sent with every answer request.")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "compare-out",
      description = "Where the report and the cache go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--record",
      description = "Also archive each model's answers with exact model ids, dates and settings in"
          + " OUT/records, to compare with later models (--models ...,@FILE).")
  boolean record;

  @Option(names = "--batch",
      description = "Send the answers through the Batch API at the batch price (half) instead of one call each;"
          + " answers already cached are not sent. The batches' state is kept in OUT/batches: a run stopped"
          + " after they were created collects them when run again, without creating them twice. The judge's"
          + " calls stay one at a time.")
  boolean batch;

  @Option(names = "--batch-interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "With --batch: how often the batches are polled (default: ${DEFAULT-VALUE}).")
  Duration batchInterval;

  @Option(names = "--batch-wait", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
      description = "With --batch: how long to wait for the batches before stopping with exit 1; they keep"
          + " running and the next run collects them (default: ${DEFAULT-VALUE}).")
  Duration batchWait;

  /** Created by picocli. */
  public CompareCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    List<String> analysts = analystIds();
    List<EvalDream> evalDreams = readDreams();
    Path outDir = env.resolve(out);
    try (OpenAiClient client = client()) {
      List<Candidate> candidates = candidates(analysts);
      AnalysisOptions sampling = seed == null ? AnalysisOptions.DEFAULT : AnalysisOptions.builder().seed(seed).build();
      CompareOptions.Builder options = CompareOptions.builder()
          .analysts(analysts).candidates(candidates).dreams(evalDreams).samples(samples).concurrency(concurrency)
          .analysis(sampling).judge(judge).cacheDirectory(outDir.resolve("cache")).clock(env.clock())
          .prices(Analysts.catalog(env))
          .progress(line -> {
            env.err().println(line);
            env.err().flush();
          });
      if (batch) {
        options.batch(CompareBatch.builder(outDir.resolve("batches")).pollInterval(batchInterval).timeout(batchWait)
            .build());
      }
      CompareOptions built;
      try {
        built = options.build();
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
      ComparisonResult result;
      try {
        result = Comparison.run(client, built);
      } catch (BatchPendingException e) {
        throw CliException.failure(e.getMessage());
      }
      List<Path> files = ReportFiles.write(result, outDir);
      List<Path> records = record ? Recording.writeAll(result, outDir.resolve("records")) : List.of();
      print(result, files, records);
      return result.answers().stream().allMatch(s -> s.answer().failed()) ? ExitCode.API : ExitCode.OK;
    }
  }

  private List<String> analystIds() {
    List<String> ids = new ArrayList<>();
    for (String part : analyst.split(",")) {
      if (!part.isBlank()) {
        ids.addAll(AnalyzeCommand.analystIds(part));
      }
    }
    return ids.stream().distinct().toList();
  }

  private List<EvalDream> readDreams() {
    Path file = env.resolve(dreams == null ? Path.of(EvalDreams.DEFAULT_FILE) : dreams);
    if (dreams == null && !Files.exists(file)) {
      throw CliException.usage("No evaluation dreams at " + Places.show(env, file) + ": run from the repository"
          + " root, or pass --dreams FILE (JSON Lines with id and dream).");
    }
    List<EvalDream> all = EvalDreams.read(file);
    if (limit != null) {
      if (limit < 1) {
        throw CliException.usage("--limit must be at least 1.");
      }
      return all.subList(0, Math.min(limit, all.size()));
    }
    return all;
  }

  private List<Candidate> candidates(List<String> analysts) {
    ModelResolver resolver = Analysts.resolver(env);
    AnalystRegistry registry = AnalystRegistry.withBuiltIns();
    List<String> entries = models == null || models.isEmpty() ? List.of("base", "fine-tuned") : models;
    List<Candidate> out = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        throw CliException.usage("--models has an empty entry; separate model ids with single commas.");
      }
      String label = entry;
      String value = entry;
      int eq = entry.indexOf('=');
      if (eq > 0) {
        label = entry.substring(0, eq).strip();
        value = entry.substring(eq + 1).strip();
      }
      if (value.startsWith("@")) {
        Path archive = env.resolve(Path.of(value.substring(1)));
        out.add(Candidate.recorded(eq > 0 ? label : "recorded " + archive.getFileName(), archive));
      } else if (value.equals("base")) {
        String baseModel = resolver.resolve(registry.get(analysts.get(0))).baseModel();
        out.add(Candidate.of(label, baseModel));
      } else if (value.equals("fine-tuned")) {
        Map<String, String> perAnalyst = new LinkedHashMap<>();
        for (String id : analysts) {
          ModelChoice choice = resolver.resolve(registry.get(id));
          if (!choice.configured()) {
            throw CliException.usage("No fine-tuned model is configured for " + id + ": set OPENAI_"
                + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_MODEL or promote one into reve-models.properties,"
                + " or name the models to compare with --models A,B.");
          }
          perAnalyst.put(id, choice.model());
        }
        out.add(Candidate.perAnalyst(label, perAnalyst));
      } else {
        out.add(Candidate.of(label, value));
      }
    }
    return out;
  }

  /** What the answers cost, from the model-capabilities table: at the batch price for those from batches. */
  static String costLine(ComparisonResult result) {
    BigDecimal total = BigDecimal.ZERO;
    Set<String> unpriced = new TreeSet<>();
    long batched = 0;
    long alone = 0;
    for (ScoredAnswer s : result.answers()) {
      if (s.answer().failed()) {
        continue;
      }
      if (s.answer().tier() == PriceTier.BATCH) {
        batched++;
      } else {
        alone++;
      }
      if (s.costUsd().isPresent()) {
        total = total.add(s.costUsd().get());
      } else {
        unpriced.add(s.answer().requestedModel());
      }
    }
    String split = "(" + batched + " at the batch price, " + alone + " asked alone; the judge's calls not counted)";
    if (!unpriced.isEmpty()) {
      return "Cost of the answers: unknown: no price for " + String.join(", ", unpriced)
          + " in the model-capabilities table (REVE_MODEL_CAPABILITIES adds one) " + split;
    }
    return "Cost of the answers: $" + total.setScale(4, RoundingMode.HALF_UP).toPlainString() + " " + split;
  }

  private void print(ComparisonResult result, List<Path> files, List<Path> records) {
    out().printf(Locale.ROOT, "%d answers (%d asked now, %d from the cache or an archive)%s%n",
        result.answers().size(), result.freshCalls(), result.cachedAnswers(),
        result.judge().map(j -> ", judged by " + j).orElse(""));
    for (GroupFigures g : result.groups()) {
      out().printf(Locale.ROOT, "  %-6s %-24s %3d answers, %2d failed, own terms %.2f/100 words, asks %.0f%%, %4.0f words%s%n",
          g.analystId(), g.candidate(), g.answers(), g.failed(), g.meanOwnDensity(), 100 * g.asksShare(), g.meanWords(),
          g.meanScores().isEmpty() ? "" : String.format(Locale.ROOT, ", method %.1f", g.meanScores().getOrDefault("method", 0.0)));
    }
    for (PairFigures p : result.pairs()) {
      out().printf(Locale.ROOT, "  %-6s %s vs %s: win %.0f%% [%.0f%%, %.0f%%], tie %.0f%%, loss %.0f%%; order agreement %.0f%%%n",
          p.analystId(), p.candidate(), p.baseline(), 100 * p.win().value(), 100 * p.win().low(), 100 * p.win().high(),
          100 * p.tie().value(), 100 * p.loss().value(), 100 * p.orderAgreement());
    }
    out().println(costLine(result));
    files.forEach(f -> out().println("wrote " + Places.show(env, f)));
    records.forEach(f -> out().println("recorded " + Places.show(env, f)));
    out().flush();
  }
}
