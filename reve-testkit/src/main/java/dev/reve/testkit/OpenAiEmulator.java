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
  /** The environment variable that sets {@link #API_KEY} for every emulator of the process. */
  public static final String API_KEY_VARIABLE = "REVE_EMULATOR_API_KEY";

  /**
   * The API key {@link #clientBuilder()} uses unless the builder sets another: {@value
   * #API_KEY_VARIABLE} when set, otherwise a random key made once per process (no key is written
   * into the code, so none can be mistaken for a real one).
   */
  public static final String API_KEY = defaultApiKey();

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

  OpenAiEmulator(OpenAiEmulatorBuilder b) {
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

  /** The folder the state is kept in, when the emulator was built with {@link OpenAiEmulatorBuilder#stateDirectory}. */
  public java.util.Optional<Path> stateDirectory() {
    return java.util.Optional.ofNullable(store).map(EmulatorStore::directory);
  }

  /** An emulator with the default settings, started. */
  public static OpenAiEmulator start() {
    return builder().start();
  }

  /** Settings for an emulator. */
  public static OpenAiEmulatorBuilder builder() {
    return new OpenAiEmulatorBuilder();
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

  private static String defaultApiKey() {
    String configured = System.getenv(API_KEY_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    byte[] random = new byte[16];
    new java.security.SecureRandom().nextBytes(random);
    return "emulator-" + java.util.HexFormat.of().formatHex(random);
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
}
