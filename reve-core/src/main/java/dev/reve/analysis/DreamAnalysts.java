package dev.reve.analysis;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.models.ModelCatalog;
import dev.reve.openai.call.Cancellation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The dream analysts of an application, ready to use: hands out a {@link DreamAnalyst} per analyst,
 * runs several analysts on one dream at once, analyses batches with a concurrency limit, and
 * produces the structured {@link DreamInterpretation}. Thread-safe; create one per application and
 * close it on shutdown (it closes the clients it derived for per-analyst endpoints, never the
 * client it was given).
 *
 * <pre>{@code
 * try (OpenAiClient client = OpenAiClient.fromEnv();
 *     DreamAnalysts analysts = DreamAnalysts.fromEnvironment(client)) {
 *   Dream dream = Dream.builder("I was back at school and had missed the exam.")
 *       .title("Exam")
 *       .build();
 *   Analysis jung = analysts.analyst("jung").analyze(dream);
 *   MultiAnalysis both = analysts.analyzeAll(dream);   // Jung and Freud at the same time
 * }
 * }</pre>
 */
public final class DreamAnalysts implements AutoCloseable {
  /** Default of {@link Builder#maxConcurrentCalls(int)}. */
  public static final int DEFAULT_MAX_CONCURRENT_CALLS = 16;

  private final OpenAiClient client;
  private final AnalystRegistry registry;
  private final CheckedResolver resolver;
  private final AnalysisOptions options;
  private final AnalysisOptions interpretationOptions;
  private final DreamLimits limits;
  private final AnalysisExecutor executor;
  private final AnalystEndpoints endpoints;
  private final ModelHealth health;
  private final AnalysisEngine engine;
  private final FanOut fanOut;
  private final Interpreter interpreter;
  private final ModelCatalog catalog;

  private DreamAnalysts(Builder b) {
    this.client = b.client;
    this.registry = b.registry;
    this.resolver = new CheckedResolver(b.resolver);
    this.options = b.options;
    this.interpretationOptions = b.interpretationOptions;
    this.limits = b.limits;
    this.executor = new AnalysisExecutor(b.maxConcurrentCalls);
    this.endpoints = new AnalystEndpoints(client);
    this.catalog = b.catalog;
    this.health = new ModelHealth(
        endpoints, resolver, b.clock, b.shutdownWarning, b.checkShutdownDates, b.catalog);
    FallbackChat chat = new FallbackChat(endpoints, resolver, health, b.catalog, b.clock);
    this.engine = new AnalysisEngine(limits, options, resolver, chat, executor);
    this.fanOut = new FanOut(registry, engine);
    this.interpreter = new Interpreter(limits, chat);
  }

  /** A builder over {@code client}, with Jung and Freud and a resolver that reads nothing ambient. */
  public static Builder builder(OpenAiClient client) {
    return new Builder(client);
  }

  /**
   * Jung and Freud on {@code client}, each on the base model {@value ModelResolver#DEFAULT_BASE_MODEL}
   * unless configured in code: reads no environment variable, system property or file.
   */
  public static DreamAnalysts create(OpenAiClient client) {
    return builder(client).build();
  }

  /**
   * Jung and Freud on {@code client}, models resolved from the environment, the system properties
   * and the models file ({@code reve-models.properties} in the working directory unless {@code
   * REVE_MODELS_FILE} names another): see {@link ModelResolver#standard()}.
   */
  public static DreamAnalysts fromEnvironment(OpenAiClient client) {
    return builder(client)
        .resolver(ModelResolver.standard())
        .modelCatalog(ModelCatalog.fromEnvironment())
        .build();
  }

  /**
   * The analyst with this id.
   *
   * @throws UnknownAnalystException listing the known ids
   */
  public DreamAnalyst analyst(String id) {
    return new DreamAnalyst(engine, registry.get(id));
  }

  /** Every registered analyst, in registration order. */
  public List<DreamAnalyst> analysts() {
    return registry.all().stream().map(p -> new DreamAnalyst(engine, p)).toList();
  }

  /** The registry; analysts registered later are available at once. */
  public AnalystRegistry registry() {
    return registry;
  }

  /** The model resolver in use. */
  public ModelResolver resolver() {
    return resolver.unchecked();
  }

  /** The model-capabilities table: how requests are shaped, and the prices of the models. */
  public ModelCatalog modelCatalog() {
    return catalog;
  }

  /** The default options of an analysis. */
  public AnalysisOptions defaultOptions() {
    return options;
  }

  /** The limits every dream is checked against before a request. */
  public DreamLimits limits() {
    return limits;
  }

  /**
   * Which model would serve analyst {@code id} now, and why.
   *
   * @throws UnknownAnalystException for an unknown id
   */
  public ModelChoice modelChoice(String id) {
    return resolver.resolve(registry.get(id));
  }

  /**
   * Which model serves {@link #interpret}: set like an analyst's, with the id {@code interpreter}.
   */
  public ModelChoice interpretationModelChoice() {
    return resolver.resolve(Interpreter.PROFILE);
  }

  /**
   * Analyst {@code id}'s requests with these options, at the model chosen now: for sending many
   * at once (the Batch API) exactly what a single analysis would send.
   *
   * @throws UnknownAnalystException for an unknown id
   */
  public AnalystRequests requests(String id, AnalysisOptions options) {
    Objects.requireNonNull(options, "options");
    AnalystProfile profile = registry.get(id);
    ModelChoice choice = resolver.resolve(profile);
    return new AnalystRequests(
        profile, choice, options, limits, endpoints.endpointFor(profile, choice), catalog);
  }

  /** {@link #analyzeAll(Dream, List, AnalysisOptions)} with every registered analyst. */
  public MultiAnalysis analyzeAll(Dream dream) {
    return analyzeAll(dream, registry.ids(), options);
  }

  /** {@link #analyzeAll(Dream, List, AnalysisOptions)} with the default options. */
  public MultiAnalysis analyzeAll(Dream dream, List<String> analystIds) {
    return analyzeAll(dream, analystIds, options);
  }

  /**
   * Sends the dream to the analysts at the same time, so the whole takes about as long as the
   * slowest, and waits for all of them. A failing analyst does not stop the others: every success
   * and every failure comes back, per analyst.
   *
   * @throws InvalidDreamException when the dream breaks a limit (before any request)
   * @throws UnknownAnalystException when an id is unknown (before any request)
   * @throws CancellationException when the waiting thread is interrupted (requests are cancelled)
   */
  public MultiAnalysis analyzeAll(Dream dream, List<String> analystIds, AnalysisOptions options) {
    return fanOut.analyzeAll(dream, analystIds, options);
  }

  /** {@link #analyzeAllAsync(Dream, List, AnalysisOptions)} with every registered analyst. */
  public CompletableFuture<MultiAnalysis> analyzeAllAsync(Dream dream) {
    return analyzeAllAsync(dream, registry.ids(), options);
  }

  /**
   * {@link #analyzeAll(Dream, List, AnalysisOptions)} without blocking. The future fails only for
   * an invalid dream or an unknown id; analyst failures are in the result. Cancelling it cancels
   * the requests.
   */
  public CompletableFuture<MultiAnalysis> analyzeAllAsync(
      Dream dream, List<String> analystIds, AnalysisOptions options) {
    return fanOut.analyzeAllAsync(dream, analystIds, options);
  }

  /** {@link #analyzeBatch(List, List, int, AnalysisOptions)} with the default options. */
  public List<MultiAnalysis> analyzeBatch(List<Dream> dreams, List<String> analystIds, int maxConcurrency) {
    return analyzeBatch(dreams, analystIds, maxConcurrency, options);
  }

  /**
   * Analyses many dreams with the given analysts, with at most {@code maxConcurrency} requests in
   * flight. Returns one {@link MultiAnalysis} per dream, in input order; an invalid dream shows up
   * as a failure of each analyst for that dream, never as a missing entry.
   *
   * @throws UnknownAnalystException when an id is unknown (before any request)
   * @throws CancellationException when the waiting thread is interrupted (requests are cancelled)
   */
  public List<MultiAnalysis> analyzeBatch(
      List<Dream> dreams, List<String> analystIds, int maxConcurrency, AnalysisOptions options) {
    return Futures.await(analyzeBatchAsync(dreams, analystIds, maxConcurrency, options));
  }

  /**
   * {@link #analyzeBatch(List, List, int, AnalysisOptions)} without blocking; cancelling the future
   * cancels the running requests and starts no more.
   */
  public CompletableFuture<List<MultiAnalysis>> analyzeBatchAsync(
      List<Dream> dreams, List<String> analystIds, int maxConcurrency, AnalysisOptions options) {
    return fanOut.analyzeBatchAsync(dreams, analystIds, maxConcurrency, options);
  }

  /** {@link #interpret(Dream, AnalysisOptions)} with the interpretation defaults. */
  public DreamInterpretation interpret(Dream dream) {
    return interpret(dream, interpretationOptions);
  }

  /**
   * The structured first reading of a dream: summary, up to three themes and emotions, the key
   * symbols. The reply is requested as JSON under a strict schema and checked.
   *
   * @throws InvalidDreamException when the dream breaks a limit (before any request)
   * @throws InterpretationException for a truncated, malformed, refused or failed reply; it carries
   *     the dream
   */
  public DreamInterpretation interpret(Dream dream, AnalysisOptions options) {
    return interpreter.interpret(dream, options, Cancellation.none());
  }

  /** {@link #interpret(Dream)} without blocking. */
  public CompletableFuture<DreamInterpretation> interpretAsync(Dream dream) {
    return interpretAsync(dream, interpretationOptions);
  }

  /** {@link #interpret(Dream, AnalysisOptions)} without blocking. */
  public CompletableFuture<DreamInterpretation> interpretAsync(Dream dream, AnalysisOptions options) {
    return executor.async(cancel -> interpreter.interpret(dream, options, cancel));
  }

  /**
   * Looks up every model in use (each analyst's, and the base model that configured analysts fall
   * back to) on its server, logs a WARN for each that shuts down within the warning window, and
   * reports them with the days left before each shutdown date (the server's, or else the
   * capabilities table's). Lookups are cached for the life of this object; failed lookups are retried on the
   * next call.
   */
  public List<ModelStatus> checkModels() {
    return health.check(registry.all());
  }

  /**
   * Cancels every analysis still running or queued (its HTTP call is cancelled and its future
   * completes with a {@link CancellationException}), stops the worker threads and closes the
   * clients derived for per-analyst endpoints.
   */
  @Override
  public void close() {
    executor.close();
    endpoints.close();
  }

  @Override
  public String toString() {
    return "DreamAnalysts{analysts=" + registry.ids() + ", client=" + client + "}";
  }

  /** Builds {@link DreamAnalysts}. */
  public static final class Builder {
    private final OpenAiClient client;
    private AnalystRegistry registry = AnalystRegistry.withBuiltIns();
    private ModelResolver resolver;
    private AnalysisOptions options = AnalysisOptions.DEFAULT;
    private AnalysisOptions interpretationOptions = AnalysisOptions.INTERPRETATION_DEFAULT;
    private DreamLimits limits = DreamLimits.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Duration shutdownWarning = Duration.ofDays(30);
    private boolean checkShutdownDates = true;
    private ModelCatalog catalog = ModelCatalog.builtIn();
    private int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;

    private Builder(OpenAiClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /** The analysts to offer; default Jung and Freud. */
    public Builder registry(AnalystRegistry value) {
      this.registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /** Adds an analyst to the registry. */
    public Builder register(AnalystProfile profile) {
      registry.register(profile);
      return this;
    }

    /**
     * How models are chosen; default {@link ModelResolver#isolated()}, which reads nothing from
     * the environment. {@link ModelResolver#standard()} reads variables, properties and the models
     * file.
     */
    public Builder resolver(ModelResolver value) {
      this.resolver = Objects.requireNonNull(value, "resolver");
      return this;
    }

    /** Default options of an analysis; each call may pass its own. */
    public Builder options(AnalysisOptions value) {
      this.options = Objects.requireNonNull(value, "options");
      return this;
    }

    /** Default options of {@link DreamAnalysts#interpret}. */
    public Builder interpretationOptions(AnalysisOptions value) {
      this.interpretationOptions = Objects.requireNonNull(value, "options");
      return this;
    }

    /** Limits on a dream's parts; default {@link DreamLimits#DEFAULT}. */
    public Builder limits(DreamLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /** The clock that dates model shutdown warnings. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** How close a model's shutdown date must be for a WARN; default 30 days. */
    public Builder shutdownWarning(Duration value) {
      Objects.requireNonNull(value, "shutdownWarning");
      if (value.isNegative()) {
        throw new IllegalArgumentException("shutdownWarning must not be negative");
      }
      this.shutdownWarning = value;
      return this;
    }

    /**
     * Whether the first use of each model looks up its {@code shutdown_date} in the background (one
     * {@code GET models/{id}} per model); default on.
     */
    public Builder checkShutdownDates(boolean value) {
      this.checkShutdownDates = value;
      return this;
    }

    /**
     * What the models accept (reasoning or not, refused parameters, instruction role, limits);
     * default {@link ModelCatalog#builtIn()}, {@link DreamAnalysts#fromEnvironment} reads {@value
     * ModelCatalog#FILE_ENV} too.
     */
    public Builder modelCatalog(ModelCatalog value) {
      this.catalog = Objects.requireNonNull(value, "catalog");
      return this;
    }

    /**
     * How many analyses run at once on the worker threads (each holds one HTTP call); the rest
     * wait in order. Default {@value DreamAnalysts#DEFAULT_MAX_CONCURRENT_CALLS}.
     */
    public Builder maxConcurrentCalls(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, was " + value);
      }
      this.maxConcurrentCalls = value;
      return this;
    }

    /** Builds the analysts. */
    public DreamAnalysts build() {
      if (resolver == null) {
        resolver = ModelResolver.isolated();
      }
      return new DreamAnalysts(this);
    }
  }
}
