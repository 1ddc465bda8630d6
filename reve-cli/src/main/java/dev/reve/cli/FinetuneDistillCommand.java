package dev.reve.cli;

import dev.reve.analysis.AnalystRegistry;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.finetune.distill.DistillBatch;
import dev.reve.finetune.distill.DistillItem;
import dev.reve.finetune.distill.DistillListener;
import dev.reve.finetune.distill.DistillOptions;
import dev.reve.finetune.distill.DistillResult;
import dev.reve.finetune.distill.Distillation;
import dev.reve.finetune.distill.DistillationRefusedException;
import dev.reve.finetune.distill.Rejection;
import dev.reve.finetune.distill.ShutdownNotice;
import dev.reve.finetune.training.TrainingDataLayout;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.openai.OpenAiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reve finetune distill}: the analyst's current model answers its training dreams as a new set. */
@Command(
    name = "distill",
    resourceBundle = TrainingTargetOptions.ForEstimates.NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Ask the analyst's current fine-tuned model (as analysis resolves it: --model, OPENAI_<ID>_MODEL,"
          + " the models file) to answer every dream of its training file and of --dreams, and write"
          + " the answers as a new training set for another trainer: the same messages JSONL from the"
          + " same prompt builder, checked by the same validator as 'reve finetune validate' before it"
          + " is written, with a provenance file (model, host, date, prompt fingerprint) beside it.",
      "A multi-turn example is asked turn by turn with the example's own replies. Refused,"
          + " truncated or empty answers are reported and not written. Answers go into a journal beside"
          + " the set as they arrive: run the command again after a crash or Ctrl-C and it asks only for"
          + " the rest. Exit 1 when the set has validation errors (it is then not written). With --batch"
          + " the first answers cost half: run the command again until the batches are collected."
    })
public final class FinetuneDistillCommand extends Subcommand {
  @Option(names = "--analyst", required = true, paramLabel = "ID", description = "The analyst to distil: jung, freud.")
  String analyst;

  @Option(names = "--dreams", paramLabel = "FILE",
      description = "Extra dreams to answer, JSONL as for 'reve batch submit': {\"id\", \"content\","
          + " \"title\", \"context\", \"associations\"}, one a line.")
  Path dreams;

  @Option(names = "--training-file", paramLabel = "PATH",
      description = "The training file whose dreams are asked. Default: training-data/<id>-examples.jsonl.")
  Path trainingFile;

  @Option(names = "--out", paramLabel = "FILE",
      description = "The distilled set. Default: " + DistillOptions.DEFAULT_DIRECTORY + "/<id>-examples.jsonl;"
          + " the journal (<name>.journal.json) and provenance (<name>.provenance.json) go beside it.")
  Path output;

  @Option(names = "--model", paramLabel = "M",
      description = "Distil this model instead of the analyst's configured one.")
  String model;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + DistillOptions.DEFAULT_CONCURRENCY,
      description = "Dreams asked about at once, 1 to 64. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--batch",
      description = "Ask the first answers through the Batch API, at half the price: the first run submits"
          + " them (work folder <name>.batch/ beside the set), a later run collects them; follow-up turns"
          + " of multi-turn examples and failed lines are then asked one at a time.")
  boolean batch;

  @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "With --batch: wait up to this long for the batches (30s, 2h, at most 24h)."
          + " Default: check once and return.")
  Duration wait;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "With --batch --wait: time between polls (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Mixin TrainingTargetOptions target;

  @Mixin JsonOption json;

  /** Created by picocli. */
  public FinetuneDistillCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    String id = analyst.strip().toLowerCase(Locale.ROOT);
    AnalystRegistry.withBuiltIns().get(id);
    Path training = trainingFile != null ? env.resolve(trainingFile)
        : TrainingDataLayout.in(env.workingDirectory()).examplesFile(id);
    if (!Files.isRegularFile(training)) {
      throw CliException.usage("The training file " + Places.show(env, training) + " does not exist; give"
          + " --training-file PATH or run this command where training-data/ is.");
    }
    Path extra = dreams == null ? null : env.resolve(dreams);
    if (extra != null && !Files.isRegularFile(extra)) {
      throw CliException.usage("The dreams file " + Places.show(env, extra) + " does not exist.");
    }
    if (concurrency < 1 || concurrency > 64) {
      throw CliException.usage("--concurrency must be 1 to 64, was " + concurrency);
    }
    DistillOptions.Builder builder = DistillOptions.builder(id)
        .trainingFile(training)
        .output(output != null ? env.resolve(output)
            : new TrainingDataLayout(env.workingDirectory().resolve(DistillOptions.DEFAULT_DIRECTORY)).examplesFile(id))
        .concurrency(concurrency)
        .validation(ValidationOptions.builder().baseModel(target.baseModel()).epochs(target.epochs()).build())
        .clock(env.clock());
    if (extra != null) {
      builder.dreamsFile(extra);
    }
    if (batch) {
      builder.batch(new DistillBatch(interval, wait == null ? Duration.ZERO : wait, env.sleeper()));
    } else if (wait != null) {
      throw CliException.usage("--wait waits for batches: give it with --batch");
    }
    DistillOptions options;
    try {
      options = builder.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    DistillResult result;
    try (OpenAiClient client = client(); DreamAnalysts analysts = analysts(client, id)) {
      if (!json.requested()) {
        markIfEmulated();
        err().println("Distilling " + id + " with " + analysts.modelChoice(id).model() + " ("
            + analysts.modelChoice(id).setting() + ")");
        err().flush();
      }
      result = Distillation.of(client, analysts, options).listener(new Progress()).run();
    } catch (DistillationRefusedException e) {
      throw new CliException(ExitCode.FAILURE, e.getMessage(), e);
    }
    if (json.requested()) {
      printJson(json(result));
    } else {
      print(result);
    }
    return result.ok() || result.pending().isPresent() ? ExitCode.OK : ExitCode.FAILURE;
  }

  private DreamAnalysts analysts(OpenAiClient client, String id) {
    if (model == null) {
      return Analysts.open(client, env);
    }
    ModelResolver resolver = Places.modelsFile(env)
        .applyTo(ModelResolver.builder().environment(env.env()))
        .model(id, model.strip())
        .build();
    return DreamAnalysts.builder(client).resolver(resolver).modelCatalog(Analysts.catalog(env))
        .clock(env.clock()).build();
  }

  private void print(DistillResult result) {
    for (Rejection r : result.rejected()) {
      out().println("Not written: " + redactor().mask(r.toString()));
    }
    for (Rejection r : result.skipped()) {
      out().println("Skipped: " + r);
    }
    if (result.pending().isPresent()) {
      out().println("Batches: " + result.pending().get() + " (for example with --batch --wait 2h).");
      out().println("Provenance so far: " + Places.show(env, result.provenance()));
      out().flush();
      return;
    }
    ValidationPrinter.print(out(), env, result.report(), "analyst " + result.analyst() + ", distilled");
    if (result.ok()) {
      out().println("Wrote " + Places.show(env, result.output()) + ": " + result.examples() + " examples from "
          + result.model() + " (" + result.asked() + " asked now, " + result.fromJournal() + " from the journal)");
      if (!result.rejected().isEmpty()) {
        out().println("Run the command again to ask the " + result.rejected().size()
            + " dreams not written once more; the others are not asked again.");
      }
    } else {
      out().println("Not written: the distilled set has validation errors (listed above); the answers stay in "
          + Places.show(env, result.journal()));
    }
    out().println("Provenance: " + Places.show(env, result.provenance()));
    if (result.ok()) {
      out().println("Next: reve finetune start --training-file " + result.analyst() + "="
          + Places.show(env, result.output()) + " --provider together (or another), or train it yourself"
          + " (see docs/migration.md)");
    }
    out().flush();
  }

  private Map<String, Object> json(DistillResult result) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("analyst", result.analyst());
    map.put("model", result.model());
    map.put("written", result.ok());
    map.put("pending", result.pending().orElse(null));
    map.put("output", Places.show(env, result.output()));
    map.put("sha256", result.written().map(w -> w.sha256()).orElse(null));
    map.put("examples", result.examples());
    map.put("asked", result.asked());
    map.put("from_journal", result.fromJournal());
    map.put("shutdown_date", result.shutdown().map(s -> s.shutdownDate().toString()).orElse(null));
    map.put("days_left", result.shutdown().map(s -> s.daysLeft()).orElse(null));
    map.put("rejected", rejections(result.rejected()));
    map.put("skipped", rejections(result.skipped()));
    map.put("validation", ValidationPrinter.json(env, result.report(), Optional.of(result.analyst())));
    map.put("provenance", Places.show(env, result.provenance()));
    map.put("journal", Places.show(env, result.journal()));
    return map;
  }

  private List<Map<String, Object>> rejections(List<Rejection> list) {
    return list.stream().map(r -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("id", r.id());
      one.put("turn", r.turn());
      one.put("reason", redactor().mask(r.reason()));
      return one;
    }).toList();
  }

  /** Progress on standard error: the plan, then a line every tenth of the answers. */
  private final class Progress implements DistillListener {
    private final AtomicInteger done = new AtomicInteger();
    private volatile int needed;
    private volatile int step = 1;

    @Override
    public void shutdownKnown(ShutdownNotice notice) {
      if (!json.requested()) {
        err().println("reve: warning: " + notice.message());
        err().flush();
      }
    }

    @Override
    public void started(int items, int answers, int fromJournal) {
      needed = answers - fromJournal;
      step = Math.max(1, needed / 10);
      done.set(0);
      if (!json.requested()) {
        err().println(items + " dreams, " + answers + " answers in all, " + fromJournal + " already in the journal; asking for "
            + needed);
        err().flush();
      }
    }

    @Override
    public void answered(DistillItem item, int turn) {
      int n = done.incrementAndGet();
      if (!json.requested() && (n % step == 0 || n == needed)) {
        err().println("  " + n + "/" + needed + " answers");
        err().flush();
      }
    }

    @Override
    public void rejected(Rejection rejection) {
      done.incrementAndGet();
    }
  }
}
