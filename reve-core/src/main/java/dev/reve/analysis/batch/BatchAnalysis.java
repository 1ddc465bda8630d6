package dev.reve.analysis.batch;

import dev.reve.analysis.AnalysisOptions;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.InvalidDreamException;
import dev.reve.analysis.TokenEstimator;
import dev.reve.openai.batches.BatchService;
import dev.reve.openai.call.Sleeper;
import dev.reve.openai.models.ModelCatalog;
import dev.reve.storage.Sha256;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Analyses a whole dream archive through the Batch API (half the price, within 24 hours),
 * durably. {@link #submit} streams the dreams into batch input files (one line per dream and
 * analyst, built exactly as a single analysis builds its request; grouped by endpoint and model;
 * split within {@value BatchService#MAX_REQUESTS} requests and 200 MB), estimates the cost, and
 * uploads and creates each batch once. A state file in the work directory is written atomically
 * after every step: a crash or Ctrl-C loses nothing, and running again resumes without a second
 * upload or batch (they are looked for on the server before anything is sent again). {@link
 * #waitFor} polls with progress, {@link #collect} streams the answers back as {@link
 * BatchResult}s, and {@link #resubmitFailed} sends the lines without an answer (failed, or not run
 * because a batch expired or was cancelled) once more, alone.
 *
 * <pre>{@code
 * BatchAnalysis run = BatchAnalysis.builder(analysts, Path.of("batch-run")).build();
 * run.submit(Path.of("dreams.jsonl"));
 * run.waitFor(Duration.ofMinutes(1), Duration.ofHours(24));
 * run.collect(result -> store(result));
 * }</pre>
 */
public final class BatchAnalysis {
  private final DreamAnalysts analysts;
  private final Path workDir;
  private final List<String> analystIds;
  private final AnalysisOptions options;
  private final TokenEstimator tokens;
  private final ModelCatalog prices;
  private final int maxLines;
  private final long maxBytes;
  private final Sleeper sleeper;
  private final Clock clock;
  private final BatchListener listener;
  private final BatchStateFile stateFile;
  private final PartSender sender;
  private final PartClients clients;

  private BatchAnalysis(Builder b) {
    this.analysts = b.analysts;
    this.workDir = b.workDir.toAbsolutePath();
    this.analystIds = b.analystIds.isEmpty() ? analysts.registry().ids() : List.copyOf(b.analystIds);
    this.options = b.options == null ? analysts.defaultOptions() : b.options;
    this.tokens = b.tokens;
    this.prices = b.prices == null ? analysts.modelCatalog() : b.prices;
    this.maxLines = b.maxLines;
    this.maxBytes = b.maxBytes;
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.listener = b.listener;
    this.stateFile = new BatchStateFile(workDir.resolve(BatchStateFile.DEFAULT_NAME));
    this.sender = new PartSender(sleeper, listener, workDir);
    this.clients = new PartClients(analysts, options);
  }

  /** A builder for a run of {@code analysts} kept in {@code workDir}. */
  public static Builder builder(DreamAnalysts analysts, Path workDir) {
    return new Builder(analysts, workDir);
  }

  /** The state file. */
  public Path stateFile() {
    return stateFile.path();
  }

  /**
   * {@link #submit(Iterator)} over a JSONL file of dreams ({@link DreamFile}), read a line at a
   * time.
   *
   * @throws InvalidDreamFileException naming the line of a dream that cannot be sent (nothing is
   *     sent then)
   */
  public BatchRunState submit(Path dreamsFile) {
    Optional<String> sha = Optional.of(Sha256.ofFile(dreamsFile).sha256());
    return readingFile(dreamsFile, dreams -> submit(dreams, sha));
  }

  /** {@code work} over the dreams of a file, a bad dream reported with its line. */
  private static <T> T readingFile(Path dreamsFile, java.util.function.Function<DreamFile, T> work) {
    try (DreamFile dreams = DreamFile.open(dreamsFile)) {
      try {
        return work.apply(dreams);
      } catch (InvalidDreamException e) {
        throw new InvalidDreamFileException(dreamsFile, dreams.lineNumber(), e.getMessage(), e);
      }
    }
  }

  /**
   * Writes the batch input files (unless the state file shows them written), then uploads and
   * creates every batch not yet created. Safe to run again after a crash.
   *
   * @throws InvalidDreamException when a dream breaks a limit (before anything is sent)
   * @throws BatchStateConflictException when another process holds the run, or the state file
   *     records other analysts
   */
  public BatchRunState submit(Iterator<DreamRecord> dreams) {
    return submit(dreams, Optional.empty());
  }

  @SuppressWarnings("try")
  private BatchRunState submit(Iterator<DreamRecord> dreams, Optional<String> sha) {
    Objects.requireNonNull(dreams, "dreams");
    try (AutoCloseable lock = stateFile.lock()) {
      Optional<Journal> earlier = journal();
      earlier.ifPresent(j -> {
        if (sha.isPresent() && j.state().dreamsSha256().isPresent() && !sha.equals(j.state().dreamsSha256())) {
          throw new BatchStateConflictException(
              workDir + " holds a run submitted with another dreams file (its SHA-256 differs); collect that run,"
                  + " or give another directory for these dreams");
        }
      });
      Journal journal = earlier.orElseGet(() -> plan(dreams, sha));
      sendUnsent(journal);
      return journal.state();
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /** {@link #submit(Iterator)} on another thread. */
  public CompletableFuture<BatchRunState> submitAsync(Iterator<DreamRecord> dreams) {
    return CompletableFuture.supplyAsync(() -> submit(dreams));
  }

  /** {@link #estimate(Iterator)} of a JSONL dreams file. */
  public BatchCostEstimate estimate(Path dreamsFile) {
    return readingFile(dreamsFile, this::estimate);
  }

  /**
   * The cost estimate of {@code dreams} at the batch price, sending nothing: the lines are built
   * as for {@link #submit} into scratch files that are deleted again.
   */
  public BatchCostEstimate estimate(Iterator<DreamRecord> dreams) {
    Path scratch = workDir.resolve(".estimate");
    try {
      return planner(scratch).plan(dreams).estimate();
    } finally {
      Resubmission.deleteTree(scratch);
    }
  }

  private PartPlanner planner(Path dir) {
    return new PartPlanner(dir, clients.of(analystIds), tokens, prices, maxLines, maxBytes, listener);
  }

  /** Uploads and creates the batch of every part not yet created. */
  private void sendUnsent(Journal journal) {
    for (BatchPart part : journal.state().parts()) {
      if (part.batchId().isEmpty()) {
        sender.send(journal, part, clients.clientFor(part));
      }
    }
  }

  private Journal plan(Iterator<DreamRecord> dreams, Optional<String> sha) {
    PartPlanner.Plan plan = planner(workDir).plan(dreams);
    BatchRunState state = new BatchRunState(BatchRunState.VERSION, UUID.randomUUID().toString(), analystIds,
        plan.dreams(), sha, Optional.of(plan.estimate()), plan.parts(), Optional.empty());
    Journal journal = new Journal(stateFile, clock, state);
    journal.replace(state);
    listener.onStep("", plan.parts().size() + " batch file(s) written: " + plan.estimate().summary());
    return journal;
  }

  /** The recorded state, without asking the server; empty before the first submit. */
  public Optional<BatchRunState> state() {
    return stateFile.load();
  }

  /** Retrieves every unfinished batch once, records it and returns the state. */
  @SuppressWarnings("try")
  public BatchRunState refresh() {
    try (AutoCloseable lock = stateFile.lock()) {
      Journal journal = requireJournal();
      PartPoller.refreshOnce(journal, clients::clientFor, listener);
      return journal.state();
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /**
   * Polls the unfinished batches every {@code interval} until all have finished or {@code timeout}
   * passed, telling the listener each batch's progress; the state file follows every change.
   */
  @SuppressWarnings("try")
  public BatchRunState waitFor(Duration interval, Duration timeout) {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    try (AutoCloseable lock = stateFile.lock()) {
      Journal journal = requireJournal();
      PartPoller.untilFinished(journal, clients::clientFor, listener, sleeper, clock.instant().plus(timeout), clock, interval);
      return journal.state();
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /**
   * Streams the results of every finished batch to {@code sink}, one per dream and analyst:
   * analyses, and failures with their reason. A line sent again by {@link #resubmitFailed} is
   * reported by its new batch once that has finished. Output files are downloaded once, to the
   * work directory, and read a line at a time. Can be run again; it gives the same results.
   *
   * @return the state, with the lines still without an answer counted per part
   */
  @SuppressWarnings("try")
  public BatchRunState collect(Consumer<BatchResult> sink) {
    Objects.requireNonNull(sink, "sink");
    try (AutoCloseable lock = stateFile.lock()) {
      Journal journal = requireJournal();
      new PartCollector(workDir, clients::requestsOf).collectFinished(journal, clients::clientFor, sink);
      return journal.state();
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /** {@link #waitFor} on another thread; the future ends when every batch has finished or the wait ended. */
  public CompletableFuture<BatchRunState> waitForAsync(Duration interval, Duration timeout) {
    return CompletableFuture.supplyAsync(() -> waitFor(interval, timeout));
  }

  /** {@link #collect} on another thread; {@code sink} is called on that thread. */
  public CompletableFuture<BatchRunState> collectAsync(Consumer<BatchResult> sink) {
    Objects.requireNonNull(sink, "sink");
    return CompletableFuture.supplyAsync(() -> collect(sink));
  }

  /**
   * Sends the lines of finished batches that have no answer (failed lines, and lines an expired,
   * cancelled or failed batch never ran) again, alone, in one new batch per part. Run {@link
   * #collect} first: it finds those lines.
   *
   * @return the new parts
   */
  @SuppressWarnings("try")
  public List<BatchPart> resubmitFailed() {
    try (AutoCloseable lock = stateFile.lock()) {
      Journal journal = requireJournal();
      List<BatchPart> created = Resubmission.ofUnanswered(journal, workDir, listener);
      sendUnsent(journal);
      return created.stream().map(p -> journal.get(p.id())).toList();
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /** Cancels every batch that has not finished; what completed stays in its output file. */
  @SuppressWarnings("try")
  public BatchRunState cancel() {
    try (AutoCloseable lock = stateFile.lock()) {
      Journal journal = requireJournal();
      for (BatchPart part : journal.state().parts()) {
        if (part.batchId().isPresent() && !part.finished()) {
          journal.put(part.with(clients.clientFor(part).batches().cancel(part.batchId().get())));
          listener.onStep(part.id(), "cancelling batch " + part.batchId().get());
        }
      }
      return journal.state();
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  private Optional<Journal> journal() {
    return stateFile.load().map(state -> {
      if (!state.analysts().equals(analystIds)) {
        throw new BatchStateConflictException(
            stateFile.path() + " records a run for analysts " + state.analysts() + ", not " + analystIds
                + "; give the same analysts, or another work directory for a new run");
      }
      return new Journal(stateFile, clock, state);
    });
  }

  private Journal requireJournal() {
    return stateFile.load().map(s -> new Journal(stateFile, clock, s)).orElseThrow(() ->
        new BatchStateConflictException("No batch run in " + workDir + " (no " + BatchStateFile.DEFAULT_NAME
            + "); submit the dreams first"));
  }

  private static RuntimeException rethrow(Exception e) {
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }

  /** Builds a {@link BatchAnalysis}. */
  public static final class Builder {
    private final DreamAnalysts analysts;
    private final Path workDir;
    private final List<String> analystIds = new ArrayList<>();
    private AnalysisOptions options;
    private TokenEstimator tokens = TokenEstimator.estimate();
    private ModelCatalog prices;
    private int maxLines = BatchService.MAX_REQUESTS;
    private long maxBytes = BatchService.MAX_INPUT_BYTES;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private BatchListener listener = BatchListener.NONE;

    private Builder(DreamAnalysts analysts, Path workDir) {
      this.analysts = Objects.requireNonNull(analysts, "analysts");
      this.workDir = Objects.requireNonNull(workDir, "workDir");
    }

    /** The analysts to run, in order; default every registered one. */
    public Builder analysts(List<String> ids) {
      ids.forEach(id -> analysts.registry().get(id));
      analystIds.clear();
      analystIds.addAll(ids);
      return this;
    }

    /** The analysis options; default those of the {@link DreamAnalysts}. */
    public Builder options(AnalysisOptions value) {
      this.options = Objects.requireNonNull(value, "options");
      return this;
    }

    /** Counts prompt tokens for the estimate; default about four characters a token. */
    public Builder tokenEstimator(TokenEstimator value) {
      this.tokens = Objects.requireNonNull(value, "tokens");
      return this;
    }

    /**
     * The table whose prices (list price times the row's batch factor, {@link
     * ModelCatalog#price}) the estimate uses; default the analysts' own {@link
     * DreamAnalysts#modelCatalog()}, so {@code REVE_MODEL_CAPABILITIES} applies.
     */
    public Builder prices(ModelCatalog value) {
      this.prices = Objects.requireNonNull(value, "prices");
      return this;
    }

    /** The most request lines in one batch, 1 to 50,000. */
    public Builder maxRequestsPerBatch(int value) {
      if (value < 1 || value > BatchService.MAX_REQUESTS) {
        throw new IllegalArgumentException("requests per batch must be 1 to 50000, got " + value);
      }
      this.maxLines = value;
      return this;
    }

    /** The largest input file of one batch, up to 200 MB. */
    public Builder maxBytesPerBatch(long value) {
      if (value < 1024 || value > BatchService.MAX_INPUT_BYTES) {
        throw new IllegalArgumentException("bytes per batch must be 1024 to " + BatchService.MAX_INPUT_BYTES);
      }
      this.maxBytes = value;
      return this;
    }

    /** Waits between polls and before a look-up after a failed send. */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /** Dates the state file and ends waits. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Hears steps and progress. */
    public Builder listener(BatchListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /** Builds the run. */
    public BatchAnalysis build() {
      return new BatchAnalysis(this);
    }
  }
}
