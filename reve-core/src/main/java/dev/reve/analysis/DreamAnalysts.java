package dev.reve.analysis;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.call.Cancellation;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.OpenAiConfigurationException;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.FinishReason;
import dev.reve.openai.chat.ResponseFormat;
import dev.reve.openai.chat.Usage;
import dev.reve.openai.call.Interrupts;
import dev.reve.openai.spi.Json;
import dev.reve.openai.models.Model;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dream analysts of an application, ready to use: hands out a {@link DreamAnalyst} per analyst,
 * runs several analysts on one dream at once, analyses batches with a concurrency limit, and
 * produces the structured {@link DreamInterpretation}. Thread-safe; create one per application and
 * close it on shutdown (it closes the clients it derived for per-analyst endpoints, never the
 * client it was given).
 *
 * <pre>{@code
 * try (OpenAiClient client = OpenAiClient.fromEnv();
 *     DreamAnalysts analysts = DreamAnalysts.create(client)) {
 *   Dream dream = Dream.builder("I was back at school and had missed the exam.")
 *       .title("Exam")
 *       .build();
 *   Analysis jung = analysts.analyst("jung").analyze(dream);
 *   MultiAnalysis both = analysts.analyzeAll(dream);   // Jung and Freud at the same time
 * }
 * }</pre>
 */
public final class DreamAnalysts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DreamAnalysts.class);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final JsonAdapter<Map<String, Object>> MAP =
      Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** The pseudo-analyst behind {@link #interpret}: its model is set like an analyst's. */
  static final AnalystProfile INTERPRETER =
      new AnalystProfile(
          "interpreter",
          "Dream reader",
          "Neutral first reading",
          "-",
          "Summary, themes, emotions and key symbols of a dream",
          "Retells the dream and names its themes, emotions and key images without interpreting.",
          "Part of the SDK, not a person.",
          BuiltInAnalysts.load("interpretation.system.txt"));

  static final ResponseFormat INTERPRETATION_FORMAT = interpretationFormat();

  private final OpenAiClient client;
  private final AnalystRegistry registry;
  private final ModelResolver resolver;
  private final AnalysisOptions options;
  private final AnalysisOptions interpretationOptions;
  private final DreamLimits limits;
  private final Clock clock;
  private final Duration shutdownWarning;
  private final boolean checkShutdownDates;
  private final ExecutorService executor;
  private final Map<String, OpenAiClient> endpoints = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private final Set<String> warnedFallbacks = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<ModelStatus>> lookups = new ConcurrentHashMap<>();

  private DreamAnalysts(Builder b) {
    this.client = b.client;
    this.registry = b.registry;
    this.resolver = b.resolver;
    this.options = b.options;
    this.interpretationOptions = b.interpretationOptions;
    this.limits = b.limits;
    this.clock = b.clock;
    this.shutdownWarning = b.shutdownWarning;
    this.checkShutdownDates = b.checkShutdownDates;
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "reve-analysis-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A builder over {@code client}, with Jung and Freud and the standard {@link ModelResolver}. */
  public static Builder builder(OpenAiClient client) {
    return new Builder(client);
  }

  /** Jung and Freud on {@code client}, models resolved from the environment. */
  public static DreamAnalysts create(OpenAiClient client) {
    return builder(client).build();
  }

  /**
   * The analyst with this id.
   *
   * @throws UnknownAnalystException listing the known ids
   */
  public DreamAnalyst analyst(String id) {
    return new DreamAnalyst(this, registry.get(id));
  }

  /** Every registered analyst, in registration order. */
  public List<DreamAnalyst> analysts() {
    return registry.all().stream().map(p -> new DreamAnalyst(this, p)).toList();
  }

  /** The registry; analysts registered later are available at once. */
  public AnalystRegistry registry() {
    return registry;
  }

  /** The model resolver in use. */
  public ModelResolver resolver() {
    return resolver;
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
    return resolve(registry.get(id));
  }

  /**
   * Which model serves {@link #interpret}: set like an analyst's, with the id {@code interpreter}.
   */
  public ModelChoice interpretationModelChoice() {
    return resolve(INTERPRETER);
  }

  // ---------------------------------------------------------------- several analysts

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
    List<AnalystProfile> profiles = profiles(analystIds);
    limits.check(Objects.requireNonNull(dream, "dream"));
    Objects.requireNonNull(options, "options");
    List<CompletableFuture<Analysis>> running = new ArrayList<>();
    for (AnalystProfile profile : profiles) {
      running.add(analyzeAsync(profile, dream, options, null));
    }
    return collect(dream, profiles, running);
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
    List<AnalystProfile> profiles;
    try {
      profiles = profiles(analystIds);
      limits.check(Objects.requireNonNull(dream, "dream"));
      Objects.requireNonNull(options, "options");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<CompletableFuture<Analysis>> running = new ArrayList<>();
    for (AnalystProfile profile : profiles) {
      running.add(analyzeAsync(profile, dream, options, null));
    }
    CompletableFuture<MultiAnalysis> result =
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
            .handle((ignored, error) -> outcomes(dream, profiles, running));
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            running.forEach(f -> f.cancel(true));
          }
        });
    return result;
  }

  /** {@link #analyzeBatch(List, List, int, AnalysisOptions)} with the default options. */
  public List<MultiAnalysis> analyzeBatch(
      List<Dream> dreams, List<String> analystIds, int maxConcurrency) {
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
    List<AnalystProfile> profiles;
    List<Dream> input;
    try {
      profiles = profiles(analystIds);
      input = List.copyOf(Objects.requireNonNull(dreams, "dreams"));
      Objects.requireNonNull(options, "options");
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException(
            "maxConcurrency must be at least 1, was " + maxConcurrency);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<Supplier<CompletableFuture<Analysis>>> tasks = new ArrayList<>();
    for (Dream dream : input) {
      for (AnalystProfile profile : profiles) {
        tasks.add(() -> analyzeAsync(profile, dream, options, null));
      }
    }
    List<CompletableFuture<Analysis>> running = BoundedLauncher.launch(tasks, maxConcurrency);
    CompletableFuture<List<MultiAnalysis>> result =
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
            .handle(
                (ignored, error) -> {
                  List<MultiAnalysis> all = new ArrayList<>();
                  int n = profiles.size();
                  for (int i = 0; i < input.size(); i++) {
                    all.add(outcomes(input.get(i), profiles, running.subList(i * n, i * n + n)));
                  }
                  return List.copyOf(all);
                });
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            running.forEach(f -> f.cancel(true));
          }
        });
    return result;
  }

  // ---------------------------------------------------------------- interpretation

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
    return interpret(dream, options, Cancellation.none());
  }

  /** {@link #interpret(Dream)} without blocking. */
  public CompletableFuture<DreamInterpretation> interpretAsync(Dream dream) {
    return interpretAsync(dream, interpretationOptions);
  }

  /** {@link #interpret(Dream, AnalysisOptions)} without blocking. */
  public CompletableFuture<DreamInterpretation> interpretAsync(
      Dream dream, AnalysisOptions options) {
    return async(cancel -> interpret(dream, options, cancel));
  }

  // ---------------------------------------------------------------- model health

  /**
   * Looks up every model in use (each analyst's, and the base model that fine-tuned analysts fall
   * back to) on its server, logs a WARN for each that shuts down within the warning window, and
   * reports them. Lookups are cached for the life of this object; failed lookups are retried on the
   * next call.
   */
  public List<ModelStatus> checkModels() {
    Map<String, ModelUse> used = new LinkedHashMap<>();
    for (AnalystProfile profile : registry.all()) {
      ModelChoice choice = resolve(profile);
      OpenAiClient endpoint = endpointFor(profile, choice);
      use(used, endpoint, choice.model(), profile.id());
      if (choice.fineTuned()) {
        use(used, client, choice.baseModel(), "base");
      }
    }
    List<ModelStatus> statuses = new ArrayList<>();
    for (ModelUse use : used.values()) {
      ModelStatus found = Futures.await(lookup(use.endpoint(), use.model()));
      statuses.add(
          new ModelStatus(
              found.model(),
              found.endpoint(),
              List.copyOf(use.users()),
              found.available(),
              found.shutdownDate(),
              found.problem()));
    }
    return List.copyOf(statuses);
  }

  private static void use(
      Map<String, ModelUse> used, OpenAiClient endpoint, String model, String by) {
    used.computeIfAbsent(
            endpoint.baseUrl() + " " + model,
            k -> new ModelUse(endpoint, model, new LinkedHashSet<>()))
        .users()
        .add(by);
  }

  /** A model on a server and the analysts (or "base") that use it. */
  private record ModelUse(OpenAiClient endpoint, String model, Set<String> users) {}

  /** Stops the worker threads and closes the clients derived for per-analyst endpoints. */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    endpoints.values().forEach(OpenAiClient::close);
    endpoints.clear();
  }

  @Override
  public String toString() {
    return "DreamAnalysts{analysts=" + registry.ids() + ", client=" + client + "}";
  }

  // ---------------------------------------------------------------- engine

  CompletableFuture<Analysis> analyzeAsync(
      AnalystProfile profile, Dream dream, AnalysisOptions options, Consumer<String> onText) {
    return async(cancel -> analyze(profile, dream, options, onText, cancel));
  }

  Analysis analyze(
      AnalystProfile profile,
      Dream dream,
      AnalysisOptions options,
      Consumer<String> onText,
      Cancellation cancel) {
    Dream checked = limits.check(Objects.requireNonNull(dream, "dream"));
    Objects.requireNonNull(options, "options");
    long started = System.nanoTime();
    Answer answer =
        complete(profile, PromptBuilder.messages(profile, checked), options, null, onText, cancel);
    ChatCompletion completion = answer.completion();
    Analysis analysis =
        new Analysis(
            profile.id(),
            completion.text().orElse(""),
            answer.model(),
            answer.fineTuned(),
            answer.source(),
            answer.fellBack(),
            completion.finishReason(),
            completion.firstChoice().flatMap(c -> c.message().refusal()),
            completion.usage().orElse(Usage.NONE),
            completion.requestId(),
            Duration.ofNanos(System.nanoTime() - started));
    LOG.debug(
        "analysis by {}: {} from {}{} ({} completion tokens, {} ms)",
        profile.id(),
        analysis.status(),
        analysis.model(),
        analysis.fellBack() ? " after fallback" : "",
        analysis.usage().completionTokens(),
        analysis.latency().toMillis());
    return analysis;
  }

  private DreamInterpretation interpret(Dream dream, AnalysisOptions options, Cancellation cancel) {
    Dream checked = limits.check(Objects.requireNonNull(dream, "dream"));
    Objects.requireNonNull(options, "options");
    long started = System.nanoTime();
    Answer answer;
    try {
      answer =
          complete(
              INTERPRETER,
              PromptBuilder.messages(INTERPRETER, checked),
              options,
              INTERPRETATION_FORMAT,
              null,
              cancel);
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InterpretationException(
          checked,
          InterpretationException.Reason.REQUEST_FAILED,
          "The interpretation request failed (the dream is kept in this exception): "
              + e.getMessage(),
          null,
          e);
    }
    ChatCompletion completion = answer.completion();
    String raw = completion.text().orElse(null);
    Optional<String> refusal = completion.firstChoice().flatMap(c -> c.message().refusal());
    String requestNote = completion.requestId().map(r -> " (request id " + r + ")").orElse("");
    if (refusal.isPresent()) {
      throw new InterpretationException(
          checked,
          InterpretationException.Reason.REFUSED,
          "The model refused to interpret the dream: " + refusal.get() + requestNote,
          raw,
          null);
    }
    FinishReason finish = completion.finishReason();
    if (finish == FinishReason.LENGTH) {
      throw new InterpretationException(
          checked,
          InterpretationException.Reason.TRUNCATED,
          "The interpretation was cut off at "
              + options.maxCompletionTokens()
              + " tokens, so its JSON is incomplete; raise maxCompletionTokens"
              + requestNote,
          raw,
          null);
    }
    if (finish == FinishReason.CONTENT_FILTER) {
      throw new InterpretationException(
          checked,
          InterpretationException.Reason.CONTENT_FILTERED,
          "The provider's content filter withheld the interpretation" + requestNote,
          raw,
          null);
    }
    Map<String, Object> json;
    try {
      json = raw == null ? null : MAP.fromJson(raw);
    } catch (IOException | RuntimeException e) {
      throw malformed(checked, raw, "the reply is not JSON: " + e.getMessage() + requestNote, e);
    }
    if (json == null) {
      throw malformed(checked, raw, "the reply has no JSON object" + requestNote, null);
    }
    Object summary = json.get("summary");
    if (!(summary instanceof String text) || text.isBlank()) {
      throw malformed(checked, raw, "the reply has no summary" + requestNote, null);
    }
    return new DreamInterpretation(
        text.strip(),
        strings(checked, raw, json, "themes", DreamInterpretation.MAX_THEMES),
        strings(checked, raw, json, "emotions", DreamInterpretation.MAX_EMOTIONS),
        strings(checked, raw, json, "symbols", DreamInterpretation.MAX_SYMBOLS),
        answer.model(),
        answer.fellBack(),
        completion.usage().orElse(Usage.NONE),
        completion.requestId(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static List<String> strings(
      Dream dream, String raw, Map<String, Object> json, String field, int max) {
    if (!(json.get(field) instanceof List<?> values)) {
      throw malformed(dream, raw, "the reply has no list '" + field + "'", null);
    }
    List<String> out = new ArrayList<>();
    for (Object value : values) {
      if (!(value instanceof String text)) {
        throw malformed(dream, raw, "'" + field + "' holds a non-text item", null);
      }
      if (!text.isBlank() && out.size() < max) {
        out.add(text.strip());
      }
    }
    return out;
  }

  private static InterpretationException malformed(
      Dream dream, String raw, String detail, Throwable cause) {
    return new InterpretationException(
        dream,
        InterpretationException.Reason.MALFORMED,
        "The interpretation reply is malformed (the dream is kept in this exception): " + detail,
        raw,
        cause);
  }

  /** A chat completion and which model produced it. */
  private record Answer(
      ChatCompletion completion,
      String model,
      boolean fineTuned,
      ModelSource source,
      boolean fellBack) {}

  /**
   * Sends the messages to the analyst's model; on 404 from a configured (fine-tuned) model, sends
   * the same messages to the base model on the main client.
   */
  private Answer complete(
      AnalystProfile profile,
      List<ChatMessage> messages,
      AnalysisOptions options,
      ResponseFormat format,
      Consumer<String> onText,
      Cancellation cancel) {
    ModelChoice choice = resolve(profile);
    OpenAiClient endpoint = endpointFor(profile, choice);
    watch(endpoint, choice.model());
    try {
      ChatCompletion completion =
          send(
              cancel, endpoint, request(choice.model(), messages, options, format), options, onText);
      return new Answer(completion, choice.model(), choice.fineTuned(), choice.source(), false);
    } catch (NotFoundException gone) {
      if (!choice.fineTuned()) {
        throw new ModelUnavailableException(
            choice.model(), endpoint.baseUrl().toString(), choice.setting(), gone);
      }
      warnFallback(profile, choice, endpoint, gone);
      watch(client, choice.baseModel());
      try {
        ChatCompletion completion =
            send(
                cancel,
                client,
                request(choice.baseModel(), messages, options, format),
                options,
                onText);
        return new Answer(completion, choice.baseModel(), false, choice.source(), true);
      } catch (NotFoundException baseGone) {
        ModelUnavailableException failure =
            new ModelUnavailableException(
                choice.baseModel(),
                client.baseUrl().toString(),
                choice.baseModelSetting(),
                baseGone);
        failure.addSuppressed(gone);
        throw failure;
      }
    }
  }

  private static ChatCompletion send(
      Cancellation cancel,
      OpenAiClient endpoint,
      ChatRequest request,
      AnalysisOptions options,
      Consumer<String> onText) {
    if (onText == null) {
      return endpoint.chat().create(request, options.requestOptions(), cancel);
    }
    return endpoint.chat().stream(request, onText::accept, options.requestOptions(), cancel);
  }

  /** The request for one model: the same messages and sampling on every path. */
  static ChatRequest request(
      String model, List<ChatMessage> messages, AnalysisOptions options, ResponseFormat format) {
    ChatRequest.Builder b = ChatRequest.builder().model(model).messages(messages);
    if (options.legacyMaxTokens()) {
      b.maxTokens(options.maxCompletionTokens());
    } else {
      b.maxCompletionTokens(options.maxCompletionTokens());
    }
    options.temperature().ifPresent(b::temperature);
    options.topP().ifPresent(b::topP);
    options.seed().ifPresent(b::seed);
    options.safetyIdentifier().ifPresent(b::safetyIdentifier);
    if (format != null) {
      b.responseFormat(format);
    }
    return b.build();
  }

  private void warnFallback(
      AnalystProfile profile, ModelChoice choice, OpenAiClient endpoint, NotFoundException gone) {
    if (warnedFallbacks.add(endpoint.baseUrl() + " " + choice.model())) {
      LOG.warn(
          "Analyst '{}': model '{}' (from {}) at {} answered 404 ({}); answering from the base"
              + " model '{}' with the same prompt instead. Fine-tune and promote a new model, or"
              + " remove the setting. Shown once per model.",
          profile.id(),
          choice.model(),
          choice.setting(),
          endpoint.baseUrl(),
          gone.apiMessage().orElse("not found"),
          choice.baseModel());
    }
  }

  private ModelChoice resolve(AnalystProfile profile) {
    ModelChoice choice = resolver.resolve(profile);
    if (choice == null || !choice.analystId().equals(profile.id())) {
      throw new ModelConfigurationException(
          "The model resolver "
              + resolver.getClass().getName()
              + " answered "
              + choice
              + " for analyst '"
              + profile.id()
              + "'; it must return a ModelChoice for that analyst");
    }
    return choice;
  }

  /** The main client, or a client derived from it for the analyst's own endpoint. */
  private OpenAiClient endpointFor(AnalystProfile profile, ModelChoice choice) {
    if (choice.baseUrl().isEmpty()) {
      return client;
    }
    String url = choice.baseUrl().get().strip();
    HttpUrl parsed = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
    if (parsed == null) {
      throw new ModelConfigurationException(
          "The endpoint '"
              + url
              + "' for analyst '"
              + profile.id()
              + "' is not an http(s) URL; expected for example http://gpu-box:8000/v1/ (set by "
              + profile.baseUrlEnvironmentVariable()
              + ", "
              + profile.baseUrlSystemProperty()
              + " or "
              + profile.modelsFileBaseUrlKey()
              + " in the models file)");
    }
    if (parsed.equals(client.baseUrl()) && choice.apiKey().isEmpty()) {
      return client;
    }
    HttpUrl main = client.baseUrl();
    boolean sameOrigin =
        parsed.scheme().equals(main.scheme())
            && parsed.host().equals(main.host())
            && parsed.port() == main.port();
    String key = parsed + "\n" + choice.apiKey().orElse("");
    OpenAiClient endpoint = endpoints.computeIfAbsent(
        key,
        k -> {
          OpenAiClient.Builder b = client.newBuilder().baseUrl(parsed.toString());
          if (choice.apiKey().isPresent()) {
            b.apiKey(choice.apiKey().get());
          } else if (!sameOrigin) {
            // The main key belongs to the main server; another server gets its own or none.
            b.apiKey(null);
          }
          try {
            OpenAiClient derived = b.build();
            LOG.debug("analyst '{}' is served by {}", profile.id(), parsed);
            return derived;
          } catch (OpenAiConfigurationException e) {
            throw new ModelConfigurationException(
                "Analyst '"
                    + profile.id()
                    + "' is served by "
                    + parsed
                    + ": "
                    + e.getMessage()
                    + ". A key for this endpoint alone goes in "
                    + profile.apiKeyEnvironmentVariable(),
                e);
          }
        });
    if (closed) {
      // close() ran while this client was being made: do not leave it open.
      endpoints.remove(key, endpoint);
      endpoint.close();
      throw new IllegalStateException("these DreamAnalysts are closed");
    }
    return endpoint;
  }

  private void watch(OpenAiClient endpoint, String model) {
    if (checkShutdownDates) {
      lookup(endpoint, model);
    }
  }

  /** The cached lookup of a model; logs a WARN once when its shutdown is near. */
  private CompletableFuture<ModelStatus> lookup(OpenAiClient endpoint, String model) {
    String key = endpoint.baseUrl() + " " + model;
    CompletableFuture<ModelStatus> existing = lookups.get(key);
    if (existing != null) {
      return existing;
    }
    CompletableFuture<ModelStatus> created = new CompletableFuture<>();
    existing = lookups.putIfAbsent(key, created);
    if (existing != null) {
      return existing;
    }
    String where = endpoint.baseUrl().toString();
    endpoint
        .models()
        .retrieveAsync(model)
        .handle(
            (found, error) -> {
              if (error == null) {
                return new ModelStatus(
                    model, where, List.of(), true, found.shutdown(), Optional.empty());
              }
              Throwable cause = Futures.unwrapQuietly(error);
              if (cause instanceof NotFoundException) {
                return listed(endpoint, model, where);
              }
              return new ModelStatus(
                  model, where, List.of(), true, Optional.empty(), Optional.of(cause.toString()));
            })
        .whenComplete(
            (status, error) -> {
              ModelStatus result =
                  status != null
                      ? status
                      : new ModelStatus(
                          model,
                          where,
                          List.of(),
                          true,
                          Optional.empty(),
                          Optional.of(String.valueOf(error)));
              if (result.problem().isPresent()) {
                LOG.debug(
                    "could not look up model '{}' at {}: {}", model, where, result.problem().get());
                lookups.remove(key, created);
              } else {
                warnIfShuttingDown(result);
              }
              created.complete(result);
            });
    return created;
  }

  /**
   * After a 404 from {@code GET models/{id}}: servers such as vLLM only list their models, so the
   * list decides.
   */
  private static ModelStatus listed(OpenAiClient endpoint, String model, String where) {
    try {
      List<Model> all = endpoint.models().list();
      Optional<Model> found = all.stream().filter(m -> m.id().equals(model)).findFirst();
      return new ModelStatus(
          model,
          where,
          List.of(),
          found.isPresent(),
          found.flatMap(Model::shutdown),
          Optional.empty());
    } catch (NotFoundException e) {
      return new ModelStatus(model, where, List.of(), false, Optional.empty(), Optional.empty());
    } catch (RuntimeException e) {
      return new ModelStatus(
          model, where, List.of(), true, Optional.empty(), Optional.of(e.toString()));
    }
  }

  private void warnIfShuttingDown(ModelStatus status) {
    if (status.shutdownDate().isEmpty()) {
      return;
    }
    LocalDate today = LocalDate.now(clock);
    long days = status.daysUntilShutdown(today).orElseThrow();
    if (days > shutdownWarning.toDays()) {
      return;
    }
    LOG.warn(
        "Model '{}' at {} {} on {} ({}): fine-tune a current base model and promote it, or"
            + " point {} or the analyst's model setting at a current model.",
        status.model(),
        status.endpoint(),
        days < 0 ? "was due to shut down" : "shuts down",
        status.shutdownDate().get(),
        days < 0 ? (-days) + " days ago" : "in " + days + " days",
        ModelResolver.BASE_MODEL_ENV);
  }

  // ---------------------------------------------------------------- plumbing

  private List<AnalystProfile> profiles(List<String> ids) {
    Objects.requireNonNull(ids, "analystIds");
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(
          "name at least one analyst; known analysts: " + String.join(", ", registry.ids()));
    }
    List<AnalystProfile> profiles = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String id : ids) {
      if (seen.add(id)) {
        profiles.add(registry.get(id));
      }
    }
    return profiles;
  }

  private MultiAnalysis collect(
      Dream dream, List<AnalystProfile> profiles, List<CompletableFuture<Analysis>> running) {
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
    } catch (InterruptedException e) {
      running.forEach(f -> f.cancel(true));
      throw Interrupts.cancellation("interrupted while waiting", e);
    } catch (ExecutionException | CancellationException e) {
      // each failure is reported in its analyst's outcome
    }
    return outcomes(dream, profiles, running);
  }

  private static MultiAnalysis outcomes(
      Dream dream, List<AnalystProfile> profiles, List<CompletableFuture<Analysis>> running) {
    List<AnalystOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < profiles.size(); i++) {
      CompletableFuture<Analysis> future = running.get(i);
      String id = profiles.get(i).id();
      try {
        outcomes.add(AnalystOutcome.success(future.join()));
      } catch (CancellationException e) {
        outcomes.add(AnalystOutcome.failure(id, e));
      } catch (RuntimeException e) {
        outcomes.add(AnalystOutcome.failure(id, Futures.unwrapQuietly(e)));
      }
    }
    return new MultiAnalysis(dream, outcomes);
  }

  /** Runs blocking work on this object's threads; cancelling the future reaches the HTTP call. */
  <T> CompletableFuture<T> async(Function<Cancellation, T> work) {
    return Cancellation.supplyAsync(executor, "these DreamAnalysts", work);
  }

  private static ResponseFormat interpretationFormat() {
    Map<String, Object> text = Map.of("type", "string");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(
        "summary",
        Map.of("type", "string", "description", "Two or three sentences retelling the dream."));
    properties.put(
        "themes", Map.of("type", "array", "items", text, "description", "At most three themes."));
    properties.put(
        "emotions",
        Map.of("type", "array", "items", text, "description", "At most three emotions."));
    properties.put(
        "symbols",
        Map.of("type", "array", "items", text, "description", "The key images, at most six."));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", List.of("summary", "themes", "emotions", "symbols"));
    schema.put("additionalProperties", false);
    return ResponseFormat.jsonSchema("dream_interpretation", schema, true);
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

    /** How models are chosen; default {@link ModelResolver#standard()}. */
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

    /** Builds the analysts. */
    public DreamAnalysts build() {
      if (resolver == null) {
        resolver = ModelResolver.standard();
      }
      return new DreamAnalysts(this);
    }
  }
}
