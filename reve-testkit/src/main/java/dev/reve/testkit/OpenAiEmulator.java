package dev.reve.testkit;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import mockwebserver3.MockWebServer;

/**
 * A stateful emulator of the OpenAI endpoints the Rêve SDK uses, on a loopback {@link
 * MockWebServer}: chat completions (JSON and streamed), models, files and fine-tuning jobs, with a
 * job lifecycle the test drives, fault injection and a request log. The emulator itself holds the
 * server and clients; each resource is a part of its own:
 *
 * <pre>{@code
 * try (OpenAiEmulator openai = OpenAiEmulator.start()) {
 *   OpenAiClient client = openai.client();
 *   // ... run the code under test against client (or openai.baseUrl()) ...
 *   String jobId = openai.jobs().all().get(0).id();
 *   openai.jobs().succeed(jobId);                  // validating_files -> ... -> succeeded
 *   assertThat(openai.requests().applied(Requests.to("POST", "files"))).hasSize(1);
 * }
 * }</pre>
 *
 * <p>{@link #chat()} scripts chat answers, {@link #models()}, {@link #files()} and {@link #jobs()}
 * hold what the server stores (jobs with their lifecycle), {@link #faults()} injects failures and
 * {@link #requests()} is the log. Everything is thread-safe. This is test code: never put it on a
 * production classpath.
 */
public final class OpenAiEmulator implements AutoCloseable {
  /** The API key {@link #clientBuilder()} uses unless the builder sets another. */
  public static final String API_KEY = "sk-emulator-0123456789abcdefghijklmnopqrstuv";

  /** Where virtual time starts unless the builder says otherwise. */
  public static final Instant DEFAULT_START = VirtualTime.DEFAULT_START;

  /** The organization that owns fine-tuned models unless the builder says otherwise. */
  public static final String DEFAULT_ORGANIZATION = "emulator";

  /** The base models served unless the builder says otherwise. */
  public static final List<StoredModel> DEFAULT_MODELS =
      List.of(
          StoredModel.of("gpt-4o").created(1_715_367_049L),
          StoredModel.of("gpt-4o-2024-08-06").created(1_722_814_719L),
          StoredModel.of("gpt-4o-mini").created(1_721_172_741L),
          StoredModel.of("gpt-4o-mini-2024-07-18").created(1_721_172_717L),
          StoredModel.of("gpt-4.1").created(1_744_316_542L),
          StoredModel.of("gpt-4.1-2025-04-14").created(1_744_315_746L),
          StoredModel.of("gpt-4.1-mini").created(1_744_318_173L),
          StoredModel.of("gpt-4.1-mini-2025-04-14").created(1_744_317_547L),
          StoredModel.of("gpt-4.1-nano").created(1_744_321_707L),
          StoredModel.of("gpt-5-mini").created(1_754_425_928L),
          StoredModel.of("gpt-6-luna").created(1_795_000_000L),
          StoredModel.of("o4-mini").created(1_744_225_351L));

  private final String apiKey;
  private final EmulatorState state;
  private final EmulatedModels models;
  private final EmulatedFiles files;
  private final EmulatedJobs jobs;
  private final EmulatedChat chat;
  private final EmulatedBatches batches;
  private final EmulatedFaults faults;
  private final RequestLog requests;
  private final MockWebServer server;
  private final EmulatorStore store;
  private final List<String> initialModels;
  private final int requestLogLimit;
  private OpenAiClient client;

  private OpenAiEmulator(Builder b) {
    this.apiKey = b.apiKey;
    this.state = new EmulatorState(b.time != null ? b.time : new VirtualTime(b.start), b.organization,
        b.requireApiKey, b.alwaysHasMore, b.advanceEvery, b.trainingSteps, b.pace,
        b.checkApiKey ? b.apiKey : null);
    this.models = new EmulatedModels(state, b.models);
    this.files = new EmulatedFiles(state);
    this.jobs = new EmulatedJobs(state, files, models);
    this.requests = new RequestLog(state);
    this.requestLogLimit = b.requestLogLimit;
    requests.limit(b.requestLogLimit);
    this.initialModels = b.models.stream().map(StoredModel::id).toList();
    this.store = b.stateDirectory == null ? null : EmulatorStore.open(b.stateDirectory);
    if (store != null) {
      try {
        store.load(state, models, files, jobs);
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }
    ChatResponder responder = b.trainedAnswers ? new TrainedAnswers(jobs, files) : b.responder;
    this.chat = new EmulatedChat(state, models, requests, responder);
    this.faults = new EmulatedFaults(state);
    Pages pages = new Pages(state.alwaysHasMore);
    ChatRoute chatRoute = new ChatRoute(state, chat);
    this.server = new MockWebServer();
    this.batches = new EmulatedBatches(state, files,
        new BatchLineRunner(state, chatRoute), b.advanceBatchesOnRetrieve);
    // Every emulated resource is one route; a new resource adds its route here.
    Router router = new Router(state, List.of(
        chatRoute,
        new BatchesRoute(batches, pages),
        new ModelsRoute(state, models),
        new FilesRoute(files, pages),
        new FineTuningJobsRoute(jobs, files, models, pages),
        new TogetherFilesRoute(files),
        new TogetherFineTunesRoute(jobs, files, models)));
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.setDispatcher(new EmulatorDispatcher(faults, requests, router, jobs::catchUp, this::afterRequest));
    try {
      server.start(b.port);
    } catch (IOException e) {
      if (store != null) {
        store.close();
      }
      throw new UncheckedIOException("could not start the emulator's MockWebServer on loopback"
          + (b.port == 0 ? "" : " port " + b.port) + ": " + e.getMessage(), e);
    }
  }

  /** Saves the state folder, and with a request log limit, lets the server forget old requests too. */
  private void afterRequest() {
    if (store != null) {
      store.save(state, models, files, jobs, initialModels);
    }
    if (requestLogLimit > 0) {
      try {
        while (server.getRequestCount() > 0 && server.takeRequest(0, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
          // drained: the emulator's own log keeps the latest requests
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The folder the state is kept in, when the emulator was built with {@link Builder#stateDirectory}. */
  public java.util.Optional<Path> stateDirectory() {
    return java.util.Optional.ofNullable(store).map(EmulatorStore::directory);
  }

  /** An emulator with the default settings, started. */
  public static OpenAiEmulator start() {
    return builder().start();
  }

  /** Settings for an emulator. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ the resources

  /** How chat completions are answered: responders, queued replies, the chat requests. */
  public EmulatedChat chat() {
    return chat;
  }

  /** The models served. */
  public EmulatedModels models() {
    return models;
  }

  /** The files stored. */
  public EmulatedFiles files() {
    return files;
  }

  /** The fine-tuning jobs and their lifecycle. */
  public EmulatedJobs jobs() {
    return jobs;
  }

  /** The batches and their lifecycle. */
  public EmulatedBatches batches() {
    return batches;
  }

  /** Injected faults. */
  public EmulatedFaults faults() {
    return faults;
  }

  /** The log of every request and what came of it. */
  public RequestLog requests() {
    return requests;
  }

  // ------------------------------------------------------------------ server and clients

  /** The base URL to give a client, ending in {@code /v1/}. */
  public String baseUrl() {
    return server.url("/v1/").toString();
  }

  /** The underlying server, for {@code takeRequest()} and the request count. */
  public MockWebServer server() {
    return server;
  }

  /** The virtual time the emulator stamps objects with and {@link #clientBuilder()} waits on. */
  public VirtualTime time() {
    return state.time;
  }

  /** The API key {@link #clientBuilder()} sets. */
  public String apiKey() {
    return apiKey;
  }

  /**
   * A client builder pointed at the emulator, with its key, the emulator's {@link #time()} as
   * sleeper and clock (retries wait no real time) and no jitter.
   */
  public OpenAiClient.Builder clientBuilder() {
    return clientBuilder(state.time, state.time);
  }

  /** A client builder pointed at the emulator, with its key, no jitter and these sleeper and clock. */
  public OpenAiClient.Builder clientBuilder(Sleeper sleeper, Clock clock) {
    return OpenAiClient.builder()
        .baseUrl(baseUrl())
        .apiKey(apiKey)
        .sleeper(Objects.requireNonNull(sleeper, "sleeper"))
        .clock(Objects.requireNonNull(clock, "clock"))
        .jitter(() -> 0.0);
  }

  /** A client from {@link #clientBuilder()}, built on first use and closed with the emulator. */
  public OpenAiClient client() {
    synchronized (state.lock) {
      if (client == null) {
        client = clientBuilder().build();
      }
      return client;
    }
  }

  /** Closes the client from {@link #client()}, stops the server and saves the state folder. */
  @Override
  public void close() {
    synchronized (state.lock) {
      if (client != null) {
        client.close();
        client = null;
      }
    }
    server.close();
    if (store != null) {
      try {
        store.save(state, models, files, jobs, initialModels);
      } finally {
        store.close();
      }
    }
  }

  @Override
  public String toString() {
    return "OpenAiEmulator[" + baseUrl() + "]";
  }

  /** Settings for an {@link OpenAiEmulator}. */
  public static final class Builder {
    private final List<StoredModel> models = new ArrayList<>(DEFAULT_MODELS);
    private Instant start = DEFAULT_START;
    private VirtualTime time;
    private String organization = DEFAULT_ORGANIZATION;
    private String apiKey = API_KEY;
    private boolean requireApiKey = true;
    private boolean alwaysHasMore;
    private int advanceEvery;
    private int trainingSteps = 4;
    private ChatResponder responder = ChatResponder.CANNED;
    private boolean trainedAnswers;
    private boolean checkApiKey;
    private JobPace pace;
    private Path stateDirectory;
    private int port;
    private int requestLogLimit;
    private boolean advanceBatchesOnRetrieve = true;

    private Builder() {}

    /**
     * Refuses a request whose key is not {@link #apiKey(String) the configured one} with OpenAI's
     * 401 {@code invalid_api_key}; off by default, when any non-blank key is accepted.
     */
    public Builder checkApiKey(boolean check) {
      this.checkApiKey = check;
      return this;
    }

    /**
     * Answers chat with {@link TrainedAnswers}: fine-tuned models from their training examples,
     * base models with a placeholder naming the analyst.
     */
    public Builder trainedAnswers() {
      this.trainedAnswers = true;
      return this;
    }

    /** Jobs advance by themselves at this pace (see {@link JobPace}); by default only on demand. */
    public Builder jobPace(JobPace value) {
      this.pace = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Keeps files, jobs, models and id counters in this folder, read at start and written after
     * every request, so that they survive a restart; one emulator at a time may use a folder.
     */
    public Builder stateDirectory(Path directory) {
      this.stateDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
      return this;
    }

    /** Listens on this loopback port; 0 (default) picks a free one. */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("a port is 0 (any free one) to 65535, got " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * Keeps only the latest {@code max} requests in the log (0, the default: every one), so that
     * an emulator serving for hours holds bounded memory.
     */
    public Builder requestLogLimit(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("max must be 0 (no limit) or more, got " + max);
      }
      this.requestLogLimit = max;
      return this;
    }

    /** Serves exactly these models instead of {@link #DEFAULT_MODELS}. */
    public Builder models(StoredModel... list) {
      models.clear();
      models.addAll(List.of(list));
      return this;
    }

    /** Serves this model too. */
    public Builder addModel(StoredModel model) {
      models.add(Objects.requireNonNull(model, "model"));
      return this;
    }

    /**
     * Where virtual time starts; default {@link #DEFAULT_START}. Not together with {@link
     * #time(VirtualTime)}, which brings its own start.
     */
    public Builder startTime(Instant instant) {
      if (time != null) {
        throw new IllegalStateException("time(...) is set already; it brings its own start time");
      }
      this.start = Objects.requireNonNull(instant, "instant");
      return this;
    }

    /**
     * Shares this virtual time (with another emulator, or with code under test). Not together
     * with {@link #startTime(Instant)}.
     */
    public Builder time(VirtualTime value) {
      if (start != DEFAULT_START) {
        throw new IllegalStateException("startTime(...) is set already; set the start on the VirtualTime");
      }
      this.time = Objects.requireNonNull(value, "value");
      return this;
    }

    /** The organization that owns fine-tuned models and appears in their names. */
    public Builder organization(String name) {
      this.organization = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The key {@link #clientBuilder()} sets; any non-blank key is accepted either way. */
    public Builder apiKey(String key) {
      this.apiKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Whether a request without {@code Authorization: Bearer ...} is answered 401, as OpenAI does;
     * on by default. Turn it off to emulate a local server that needs no key.
     */
    public Builder requireApiKey(boolean require) {
      this.requireApiKey = require;
      return this;
    }

    /**
     * Lists always say {@code has_more: true}, as Prism's examples do, to test that a client still
     * stops (at an empty page).
     */
    public Builder alwaysHasMore(boolean value) {
      this.alwaysHasMore = value;
      return this;
    }

    /** Jobs advance one step by themselves on every {@code retrievals}-th retrieval; 0 (default) never. */
    public Builder advanceJobsEvery(int retrievals) {
      if (retrievals < 0) {
        throw new IllegalArgumentException("retrievals must be 0 (never) or more, got " + retrievals);
      }
      this.advanceEvery = retrievals;
      return this;
    }

    /** The number of training steps (metrics events) a job reports on its way to success; default 4. */
    public Builder trainingSteps(int steps) {
      if (steps < 1) {
        throw new IllegalArgumentException("steps must be 1 or more, got " + steps);
      }
      this.trainingSteps = steps;
      return this;
    }

    /** The chat responder for models without their own; default {@link ChatResponder#CANNED}. */
    public Builder chatResponder(ChatResponder value) {
      this.responder = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Whether every retrieval of a batch moves it one step on (on by default, so a client polling
     * it sees it finish); off, tests drive batches with {@link EmulatedBatches#advance}.
     */
    public Builder advanceBatchesOnRetrieve(boolean value) {
      this.advanceBatchesOnRetrieve = value;
      return this;
    }

    /** Starts an emulator with these settings on a free loopback port. */
    public OpenAiEmulator start() {
      return new OpenAiEmulator(this);
    }
  }
}
