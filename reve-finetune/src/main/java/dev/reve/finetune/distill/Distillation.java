package dev.reve.finetune.distill;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalyst;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelChoice;
import dev.reve.analysis.ModelStatus;
import dev.reve.analysis.PromptBuilder;
import dev.reve.finetune.run.StateFile;
import dev.reve.finetune.training.TrainingExample;
import dev.reve.finetune.training.TrainingFileWriter;
import dev.reve.finetune.training.WrittenFile;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationReport;
import dev.reve.openai.OpenAiClient;
import dev.reve.storage.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Distils an analyst: its current model (resolved as analysis resolves it: code, system property,
 * {@code OPENAI_<ID>_MODEL}, the models file that promotion writes) answers every dream of the
 * training file and of an optional dreams file, and the answers become a new chat training set
 * for another trainer, in the same {@code messages} JSONL, rendered by the same {@link
 * PromptBuilder}, and written only when the same validator as {@code reve finetune validate}
 * finds no error (train/serve skew and the school lexicon included).
 *
 * <p>A multi-turn example is distilled turn by turn: the model answers the dream, then each of the
 * dreamer's replies from the example in turn, seeing its own earlier answers (an {@code
 * AnalysisSession}); the new example is that whole conversation. Refused, truncated, filtered or
 * empty answers are reported and never written. Every answer goes into a journal beside the set
 * before the next is asked, so a rerun after a crash asks only for what is missing; the provenance
 * (model, server host, date, analyst, prompt fingerprint, the shutdown date) goes into a JSON file
 * beside the set. With {@link DistillOptions#batch()} the first answers go through the Batch API
 * at half the price ({@link DistillBatch}); a run that finds the batches still running returns
 * {@link DistillResult#pending()} and writes nothing, and a later run collects them.
 *
 * <pre>{@code
 * try (OpenAiClient client = OpenAiClient.fromEnv();
 *     DreamAnalysts analysts = DreamAnalysts.fromEnvironment(client)) {
 *   DistillResult result = Distillation.of(client, analysts, DistillOptions.builder("jung").build()).run();
 *   result.shutdown().ifPresent(s -> System.err.println(s.message()));
 * }
 * }</pre>
 */
public final class Distillation {
  private final OpenAiClient client;
  private final DreamAnalysts analysts;
  private final DistillOptions options;
  private final DistillListener listener;

  private Distillation(OpenAiClient client, DreamAnalysts analysts, DistillOptions options, DistillListener listener) {
    this.client = Objects.requireNonNull(client, "client");
    this.analysts = Objects.requireNonNull(analysts, "analysts");
    this.options = Objects.requireNonNull(options, "options");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * A distillation through {@code analysts} (whose resolver picks the model) on {@code client}
   * (the main endpoint, for the host recorded when the analyst has no endpoint of its own).
   */
  public static Distillation of(OpenAiClient client, DreamAnalysts analysts, DistillOptions options) {
    return new Distillation(client, analysts, options, DistillListener.NONE);
  }

  /** The same distillation reporting its progress to {@code value}. */
  public Distillation listener(DistillListener value) {
    return new Distillation(client, analysts, options, value);
  }

  /**
   * The prompt fingerprint recorded with a distilled set: SHA-256 of the messages the prompt
   * builder makes for the analyst around a fixed probe dream, so it changes when the system
   * prompt or the shape of the user message changes.
   */
  public static String promptFingerprint(AnalystProfile analyst) {
    Dream probe = Dream.builder("fingerprint probe").title("probe").context("probe").associations("probe").build();
    return Sha256.hex(new TrainingExample(PromptBuilder.trainingMessages(analyst, probe, "probe")).toJsonLine());
  }

  /**
   * Runs the distillation, blocking until every answer is in or the first request failure.
   *
   * @throws DistillationRefusedException when the analyst has no configured (fine-tuned) model,
   *     the model is gone, an answer came from the fallback base model, or the journal was written
   *     for another model or prompt
   * @throws InvalidDistillInputException for an input file that cannot be read as such
   * @throws dev.reve.openai.error.OpenAiException for a request that failed (the journal keeps
   *     every answer received; run again to continue)
   */
  public DistillResult run() {
    AnalystProfile profile = analysts.registry().get(options.analyst());
    ModelChoice choice = analysts.modelChoice(profile.id());
    if (!choice.configured()) {
      throw new DistillationRefusedException(profile.id() + " has no model of its own: it is served by the"
          + " base model " + choice.model() + " (" + choice.setting() + "). Distillation carries a fine-tuned"
          + " voice over; set " + profile.id() + ".model in the models file (reve finetune promote writes"
          + " it) or OPENAI_" + profile.id().toUpperCase(java.util.Locale.ROOT) + "_MODEL");
    }
    Optional<ShutdownNotice> shutdown = shutdownOf(profile, choice);
    shutdown.ifPresent(listener::shutdownKnown);
    DistillInputs inputs = DistillInputs.read(options.trainingFile(), options.dreamsFile());
    String host = host(choice);
    String fingerprint = promptFingerprint(profile);
    try (StateFile.Lock lock = new StateFile(options.journalFile()).lock()) {
      DistillJournal journal = DistillJournal.open(
          options.journalFile(), options.clock(), profile.id(), choice.model(), host, fingerprint);
      DreamAnalyst analyst = analysts.analyst(profile.id());
      Answering answering = new Answering(
          analyst, analysts.defaultOptions(), choice, journal, listener, options.clock());
      int fromJournal = inputs.items().stream()
          .mapToInt(i -> Math.min(journal.answers(i).size(), i.answers())).sum();
      listener.started(inputs.items().size(), inputs.answers(), fromJournal);
      List<Rejection> rejected = new ArrayList<>();
      Optional<String> pending = Optional.empty();
      List<DistillItem> oneByOne = inputs.items();
      int batched = 0;
      if (options.batch().isPresent()) {
        BatchFirstAnswers.Outcome outcome = BatchFirstAnswers.run(
            analysts, profile.id(), inputs.items(), journal, options, options.batch().get(), listener);
        rejected.addAll(outcome.rejected());
        pending = outcome.pending();
        batched = outcome.submitted();
        oneByOne = inputs.items().stream().filter(i -> !outcome.rejectedKeys().contains(i.key())).toList();
      }
      if (pending.isEmpty()) {
        rejected.addAll(answering.answerAll(oneByOne, options.concurrency()));
      }
      List<TrainingExample> examples = examples(profile, inputs.items(), journal);
      ValidationReport report = validate(profile, examples);
      Optional<WrittenFile> written = report.hasErrors() || pending.isPresent()
          ? Optional.empty()
          : Optional.of(TrainingFileWriter.write(options.output(), examples));
      DistillResult result = new DistillResult(profile.id(), choice.model(), options.output(), written, report,
          options.provenanceFile(), options.journalFile(), examples.size(), answering.asked() + batched,
          fromJournal, rejected, inputs.skipped(), shutdown, pending);
      Provenance.write(result, choice, host, fingerprint, journal.startedAt(), inputs, options);
      return result;
    }
  }

  /** {@link #run()} on a thread of its own; the future completes with its result or failure. */
  public CompletableFuture<DistillResult> runAsync() {
    return CompletableFuture.supplyAsync(this::run, task -> {
      Thread thread = new Thread(task, "reve-distill-" + options.analyst());
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** The model's shutdown date and days left; refuses a model the server no longer has. */
  private Optional<ShutdownNotice> shutdownOf(AnalystProfile profile, ModelChoice choice) {
    LocalDate today = LocalDate.ofInstant(options.clock().instant(), java.time.ZoneOffset.UTC);
    for (ModelStatus status : analysts.checkModels()) {
      if (!status.model().equals(choice.model()) || !status.usedBy().contains(profile.id())) {
        continue;
      }
      if (!status.available()) {
        throw new DistillationRefusedException(choice.model() + " (" + choice.setting() + ") is not available"
            + " at " + status.endpoint() + " (HTTP 404): it was deleted or has shut down, so its voice can only"
            + " come from the training data now (reve finetune export, or train again elsewhere)");
      }
      return status.shutdownDate().map(d -> new ShutdownNotice(choice.model(), d,
          status.daysUntilShutdown(today).orElseThrow()));
    }
    return Optional.empty();
  }

  private String host(ModelChoice choice) {
    if (choice.baseUrl().isPresent()) {
      try {
        String found = URI.create(choice.baseUrl().get()).getHost();
        if (found != null) {
          return found;
        }
      } catch (IllegalArgumentException e) {
        // the resolver already accepted it; fall through to the main endpoint's host
      }
    }
    return client.baseUrl().host();
  }

  /** The examples of every fully answered item, in input order. */
  private static List<TrainingExample> examples(
      AnalystProfile profile, List<DistillItem> items, DistillJournal journal) {
    List<TrainingExample> examples = new ArrayList<>();
    for (DistillItem item : items) {
      List<String> answers = journal.answers(item);
      if (answers.size() < item.answers()) {
        continue;
      }
      List<String> turns = new ArrayList<>();
      for (int i = 0; i < item.answers(); i++) {
        turns.add(answers.get(i));
        if (i < item.replies().size()) {
          turns.add(item.replies().get(i));
        }
      }
      examples.add(TrainingExample.conversation(profile, item.dream(), turns));
    }
    return List.copyOf(examples);
  }

  /** The set through the validator, under the output's name, before anything is written there. */
  private ValidationReport validate(AnalystProfile profile, List<TrainingExample> examples) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (TrainingExample example : examples) {
      bytes.writeBytes((example.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    try {
      Files.createDirectories(options.output().toAbsolutePath().getParent());
      return new TrainingDataValidator().validate(new ByteArrayInputStream(bytes.toByteArray()),
          options.output(), options.validation().toBuilder().analyst(profile).build());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check the distilled set for " + options.output() + ": " + e.getMessage(), e);
    }
  }
}
