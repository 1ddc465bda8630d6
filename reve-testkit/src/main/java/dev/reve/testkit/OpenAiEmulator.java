package dev.reve.testkit;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.ByteString;

/**
 * A stateful emulator of the OpenAI endpoints the Rêve SDK uses, on a loopback {@link
 * MockWebServer}: chat completions (JSON and streamed), models, files and fine-tuning jobs, with a
 * job lifecycle the test drives, fault injection and a request log.
 *
 * <pre>{@code
 * try (OpenAiEmulator openai = OpenAiEmulator.start()) {
 *   OpenAiClient client = openai.client();
 *   // ... run the code under test against client (or openai.baseUrl()) ...
 *   String jobId = openai.jobs().get(0).id();
 *   openai.succeed(jobId);                        // validating_files -> ... -> succeeded
 *   assertThat(openai.applied(Requests.to("POST", "files"))).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Jobs start in {@code validating_files} and move only when the test says so: {@link
 * #advance} takes one step ({@code validating_files → queued → running → succeeded}) with the
 * events OpenAI sends, {@link #succeed} and {@link #fail} end a job, {@link #editJob} sets fields
 * without events, and {@link Builder#advanceJobsEvery} makes jobs advance by themselves every N
 * retrievals. Everything is thread-safe. This is test code: never put it on a production
 * classpath.
 */
public final class OpenAiEmulator implements AutoCloseable {
  /** The API key {@link #clientBuilder()} uses unless the builder sets another. */
  public static final String API_KEY = "sk-emulator-0123456789abcdefghijklmnopqrstuv";

  /** Where virtual time starts unless the builder says otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

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
          StoredModel.of("gpt-4.1-nano").created(1_744_321_707L));

  final Object lock = new Object();
  final String organization;
  final boolean requireApiKey;
  final boolean alwaysHasMore;
  private final int advanceEvery;
  private final int trainingSteps;
  private final String apiKey;
  private final VirtualTime time;
  private final MockWebServer server;
  private final Map<String, StoredModel> models = new LinkedHashMap<>();
  private final Map<String, StoredFile> files = new LinkedHashMap<>();
  private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
  private final Map<String, Deque<ChatReply>> scriptedChat = new HashMap<>();
  private final Map<String, ChatResponder> responders = new HashMap<>();
  private final List<FaultHandle> faults = new ArrayList<>();
  private final List<Exchange> log = new ArrayList<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private ChatResponder defaultResponder;
  private long lastStamp;
  private OpenAiClient client;

  private OpenAiEmulator(Builder b) {
    this.organization = b.organization;
    this.requireApiKey = b.requireApiKey;
    this.alwaysHasMore = b.alwaysHasMore;
    this.advanceEvery = b.advanceEvery;
    this.trainingSteps = b.trainingSteps;
    this.apiKey = b.apiKey;
    this.time = b.time != null ? b.time : new VirtualTime(b.start);
    this.defaultResponder = b.responder;
    b.models.forEach(m -> models.put(m.id(), m));
    this.server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.setDispatcher(new EmulatorDispatcher(this));
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the emulator's MockWebServer on loopback", e);
    }
  }

  /** An emulator with the default settings, started. */
  public static OpenAiEmulator start() {
    return builder().start();
  }

  /** Settings for an emulator. */
  public static Builder builder() {
    return new Builder();
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
    return time;
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
    return clientBuilder(time, time);
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
    synchronized (lock) {
      if (client == null) {
        client = clientBuilder().build();
      }
      return client;
    }
  }

  /** Closes the client from {@link #client()} and stops the server. */
  @Override
  public void close() {
    synchronized (lock) {
      if (client != null) {
        client.close();
        client = null;
      }
    }
    server.close();
  }

  // ------------------------------------------------------------------ chat

  /** Answers chat requests for models without a responder of their own with {@code responder}. */
  public OpenAiEmulator respondWith(ChatResponder responder) {
    synchronized (lock) {
      defaultResponder = Objects.requireNonNull(responder, "responder");
    }
    return this;
  }

  /** Answers chat requests for {@code model} with {@code responder}. */
  public OpenAiEmulator respondWith(String model, ChatResponder responder) {
    synchronized (lock) {
      responders.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(responder, "responder"));
    }
    return this;
  }

  /**
   * Queues replies for the next chat requests to {@code model}, one each, before its responder is
   * asked again. The model must exist (see {@link #addModel}); requests for a model that does not
   * are answered 404 {@code model_not_found} whatever is queued.
   */
  public OpenAiEmulator enqueueChat(String model, ChatReply... replies) {
    synchronized (lock) {
      Deque<ChatReply> queue = scriptedChat.computeIfAbsent(Objects.requireNonNull(model, "model"), k -> new ArrayDeque<>());
      for (ChatReply reply : replies) {
        queue.add(Objects.requireNonNull(reply, "reply"));
      }
    }
    return this;
  }

  /** The chat completion requests so far, in arrival order. */
  public List<EmulatedRequest> chatRequests() {
    return requests(Requests.to("POST", "chat/completions"));
  }

  ChatReply chatReply(ChatCall call) {
    ChatResponder responder;
    synchronized (lock) {
      if (!models.containsKey(call.model())) {
        return ChatReply.raw(Replies.modelNotFound(call.model()));
      }
      Deque<ChatReply> queue = scriptedChat.get(call.model());
      if (queue != null && !queue.isEmpty()) {
        return queue.poll();
      }
      responder = responders.getOrDefault(call.model(), defaultResponder);
    }
    return Objects.requireNonNull(responder.reply(call), "the chat responder returned null");
  }

  // ------------------------------------------------------------------ models

  /** Adds a base model owned by {@code system}, or replaces the one with this id. */
  public OpenAiEmulator addModel(String id) {
    return addModel(StoredModel.of(id));
  }

  /** Adds a model, or replaces the one with the same id. */
  public OpenAiEmulator addModel(StoredModel model) {
    Objects.requireNonNull(model, "model");
    synchronized (lock) {
      models.put(model.id(), model);
    }
    return this;
  }

  /** Removes a model, as deleting it does; chat requests for it then answer 404. */
  public boolean removeModel(String id) {
    synchronized (lock) {
      return models.remove(id) != null;
    }
  }

  /** The models served, in the order added. */
  public List<StoredModel> models() {
    synchronized (lock) {
      return List.copyOf(models.values());
    }
  }

  /** The model with this id. */
  public Optional<StoredModel> model(String id) {
    synchronized (lock) {
      return Optional.ofNullable(models.get(id));
    }
  }

  // ------------------------------------------------------------------ files

  /** The stored files, oldest first. */
  public List<StoredFile> files() {
    synchronized (lock) {
      return List.copyOf(files.values());
    }
  }

  /** The file with this id. */
  public Optional<StoredFile> file(String id) {
    synchronized (lock) {
      return Optional.ofNullable(files.get(id));
    }
  }

  /** Stores a file as if uploaded earlier, and returns it. */
  public StoredFile addFile(String filename, String purpose, byte[] content) {
    return storeFile(Objects.requireNonNull(filename, "filename"), Objects.requireNonNull(purpose, "purpose"),
        ByteString.of(content));
  }

  StoredFile storeFile(String filename, String purpose, ByteString content) {
    synchronized (lock) {
      StoredFile file = new StoredFile("file-emu" + nextNumber("file"), filename, purpose, content, stamp());
      files.put(file.id(), file);
      return file;
    }
  }

  void deleteFile(String id) {
    synchronized (lock) {
      files.remove(id);
    }
  }

  // ------------------------------------------------------------------ jobs: inspection

  /** Snapshots of the jobs, oldest first. */
  public List<StoredJob> jobs() {
    synchronized (lock) {
      return jobs.values().stream().map(JobRecord::snapshot).toList();
    }
  }

  /** A snapshot of the job with this id; throws when there is none. */
  public StoredJob job(String id) {
    synchronized (lock) {
      return record(id).snapshot();
    }
  }

  /** The job with this id, when there is one. */
  public Optional<StoredJob> findJob(String id) {
    synchronized (lock) {
      return Optional.ofNullable(jobs.get(id)).map(JobRecord::snapshot);
    }
  }

  /** The newest job whose metadata has {@code key = value}. */
  public Optional<StoredJob> jobWithMetadata(String key, String value) {
    synchronized (lock) {
      StoredJob found = null;
      for (JobRecord job : jobs.values()) {
        if (value.equals(job.metadata.get(key))) {
          found = job.snapshot();
        }
      }
      return Optional.ofNullable(found);
    }
  }

  /** A job's events, oldest first. */
  public List<StoredEvent> events(String jobId) {
    synchronized (lock) {
      return List.copyOf(record(jobId).events);
    }
  }

  List<Map<String, Object>> checkpoints(String jobId) {
    synchronized (lock) {
      return List.copyOf(record(jobId).checkpoints);
    }
  }

  private JobRecord record(String id) {
    JobRecord job = jobs.get(id);
    if (job == null) {
      throw new IllegalArgumentException("The emulator has no job '" + id + "'; it has " + jobs.keySet());
    }
    return job;
  }

  // ------------------------------------------------------------------ jobs: creation

  /**
   * Adds a job as if created earlier (by another run or another tool), in {@code
   * validating_files}, without checking the model or the file; returns its id.
   */
  public String addJob(String model, String trainingFile, Map<String, String> metadata) {
    Map<String, Object> method = Map.of("type", "supervised", "supervised", Map.of("hyperparameters",
        Map.of("batch_size", "auto", "learning_rate_multiplier", "auto", "n_epochs", "auto")));
    return storeJob(Objects.requireNonNull(model, "model"), Objects.requireNonNull(trainingFile, "trainingFile"),
        null, null, metadata == null ? Map.of() : metadata, method, 42L, "");
  }

  String storeJob(String model, String trainingFile, String validationFile, String suffix,
      Map<String, String> metadata, Map<String, Object> method, long seed, String requestBody) {
    synchronized (lock) {
      int n = nextNumber("job");
      JobRecord job = new JobRecord("ftjob-emu" + n, n, model, trainingFile, validationFile, suffix, metadata,
          method, seed, stamp(), requestBody);
      jobs.put(job.id, job);
      return job.id;
    }
  }

  Map<String, Object> jobJson(String id) {
    synchronized (lock) {
      return record(id).json(organization);
    }
  }

  // ------------------------------------------------------------------ jobs: lifecycle

  /**
   * Moves a job one step on, adding the events OpenAI sends: {@code validating_files → queued}
   * (validation events), {@code queued → running} ("Fine-tuning job started"), {@code running →
   * succeeded} (a metrics event per training step, a checkpoint, the new model, completion), and
   * {@code paused → running}. Returns the new status; throws for a job that has ended.
   */
  public String advance(String jobId) {
    synchronized (lock) {
      JobRecord job = record(jobId);
      advance(job, null);
      return job.status;
    }
  }

  /** Advances the job to {@code succeeded} (see {@link #advance}); returns the fine-tuned model id. */
  public String succeed(String jobId) {
    return succeed(jobId, null);
  }

  /**
   * Advances the job to {@code succeeded}, naming the fine-tuned model {@code fineTunedModel}
   * ({@code null} for the generated {@code ft:<base>:<organization>:<suffix>:<id>}); returns it.
   */
  public String succeed(String jobId, String fineTunedModel) {
    synchronized (lock) {
      JobRecord job = record(jobId);
      while (!job.status.equals("succeeded")) {
        advance(job, fineTunedModel);
      }
      return job.fineTunedModel;
    }
  }

  /** Fails a job that has not ended, with this error and an error event. */
  public void fail(String jobId, String code, String message) {
    synchronized (lock) {
      JobRecord job = record(jobId);
      if (job.terminal()) {
        throw new IllegalStateException("Job " + jobId + " has already ended (" + job.status + "); only a job"
            + " that has not ended can fail");
      }
      job.status = "failed";
      job.error = new StoredJob.Failure(Objects.requireNonNull(code, "code"), Objects.requireNonNull(message, "message"),
          Optional.empty());
      job.finishedAt = stamp();
      event(job, "error", message, "message", Map.of());
    }
  }

  /** Changes a job's fields directly, without events; see {@link JobEdit}. */
  public void editJob(String jobId, Consumer<JobEdit> edit) {
    synchronized (lock) {
      JobRecord job = record(jobId);
      edit.accept(new JobEdit() {
        @Override
        public JobEdit status(String status) {
          job.status = Objects.requireNonNull(status, "status");
          if (job.terminal() && job.finishedAt == null) {
            job.finishedAt = stamp();
          }
          return this;
        }

        @Override
        public JobEdit fineTunedModel(String model) {
          job.fineTunedModel = model;
          return this;
        }

        @Override
        public JobEdit error(String code, String message, String param) {
          job.error = new StoredJob.Failure(code, message, Optional.ofNullable(param));
          return this;
        }

        @Override
        public JobEdit clearError() {
          job.error = null;
          return this;
        }
      });
      if (job.status.equals("succeeded") && job.fineTunedModel != null && !models.containsKey(job.fineTunedModel)) {
        registerFineTune(job.fineTunedModel);
      }
    }
  }

  /**
   * Runs {@code steps} one per retrieval of the job ({@code GET fine_tuning/jobs/{id}}), each
   * just before the answer is made, in order; later retrievals run nothing more.
   */
  public void onRetrieve(String jobId, Runnable... steps) {
    synchronized (lock) {
      JobRecord job = record(jobId);
      for (Runnable step : steps) {
        job.onRetrieve.add(Objects.requireNonNull(step, "step"));
      }
    }
  }

  /** Adds an {@code info} message event to a job's log. */
  public StoredEvent addEvent(String jobId, String message) {
    return addEvent(jobId, "message", message, Map.of());
  }

  /** Adds an {@code info} event of any type, with data, to a job's log. */
  public StoredEvent addEvent(String jobId, String type, String message, Map<String, ?> data) {
    synchronized (lock) {
      return event(record(jobId), "info", message, type, data == null ? Map.of() : data);
    }
  }

  /** Adds a {@code metrics} event ("Step 5/10: training loss=1.20") to a job's log. */
  public StoredEvent addMetrics(String jobId, long step, long totalSteps, double trainLoss) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("step", step);
    data.put("total_steps", totalSteps);
    data.put("train_loss", trainLoss);
    return addEvent(jobId, "metrics", Routes.metricsMessage(step, totalSteps, trainLoss), data);
  }

  Map<String, Object> retrieveJob(String id) {
    synchronized (lock) {
      JobRecord job = record(id);
      job.retrieves++;
      Runnable step = job.onRetrieve.poll();
      if (step != null) {
        step.run();
      }
      if (advanceEvery > 0 && job.retrieves % advanceEvery == 0 && !job.terminal()) {
        advance(job, null);
      }
      return job.json(organization);
    }
  }

  Map<String, Object> cancelByApi(String id) {
    synchronized (lock) {
      JobRecord job = record(id);
      if (job.terminal()) {
        throw Refusal.badRequest("Job " + id + " has already ended (" + job.status + ") and cannot be cancelled.", null);
      }
      job.status = "cancelled";
      job.finishedAt = stamp();
      event(job, "info", "Fine-tuning job cancelled", "message", Map.of());
      return job.json(organization);
    }
  }

  Map<String, Object> pauseByApi(String id) {
    return moveByApi(id, "running", "paused", "Fine-tuning job paused", "paused");
  }

  Map<String, Object> resumeByApi(String id) {
    return moveByApi(id, "paused", "running", "Fine-tuning job resumed", "resumed");
  }

  /** Moves a job from one status to the next, as OpenAI's pause and resume do, or refuses. */
  private Map<String, Object> moveByApi(
      String id, String from, String to, String message, String verb) {
    synchronized (lock) {
      JobRecord job = record(id);
      if (!job.status.equals(from)) {
        throw Refusal.badRequest(
            "Job " + id + " is " + job.status + "; only a " + from + " job can be " + verb + ".", null);
      }
      job.status = to;
      event(job, "info", message, "message", Map.of());
      return job.json(organization);
    }
  }

  private void advance(JobRecord job, String fineTunedModel) {
    switch (job.status) {
      case "validating_files" -> {
        event(job, "info", "Validating training file: " + job.trainingFile, "message", Map.of());
        if (job.validationFile != null) {
          event(job, "info", "Validating validation file: " + job.validationFile, "message", Map.of());
        }
        event(job, "info", "Files validated, moving job to queued state", "message", Map.of());
        job.status = "queued";
      }
      case "queued" -> {
        event(job, "info", "Fine-tuning job started", "message", Map.of());
        job.status = "running";
      }
      case "paused" -> {
        event(job, "info", "Fine-tuning job resumed", "message", Map.of());
        job.status = "running";
      }
      case "running" -> finishTraining(job, fineTunedModel);
      default -> throw new IllegalStateException("Job " + job.id + " is " + job.status + ": only validating_files,"
          + " queued, running and paused jobs can advance");
    }
  }

  private void finishTraining(JobRecord job, String fineTunedModel) {
    double loss = 0;
    double accuracy = 0;
    for (int step = 1; step <= trainingSteps; step++) {
      loss = Math.round(2.0 * Math.pow(0.7, step - 1) * 10_000) / 10_000.0;
      accuracy = Math.round(Math.min(0.95, 0.5 + 0.1 * step) * 10_000) / 10_000.0;
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("step", (long) step);
      data.put("total_steps", (long) trainingSteps);
      data.put("train_loss", loss);
      data.put("train_mean_token_accuracy", accuracy);
      event(job, "info", Routes.metricsMessage(step, trainingSteps, loss), "metrics", data);
    }
    String model = fineTunedModel != null ? fineTunedModel : generatedName(job);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("step", (long) trainingSteps);
    metrics.put("train_loss", loss);
    metrics.put("train_mean_token_accuracy", accuracy);
    Map<String, Object> checkpoint = new LinkedHashMap<>();
    checkpoint.put("object", "fine_tuning.job.checkpoint");
    checkpoint.put("id", "ftckpt-emu" + nextNumber("checkpoint"));
    checkpoint.put("created_at", stamp());
    checkpoint.put("fine_tuned_model_checkpoint", model + ":ckpt-step-" + trainingSteps);
    checkpoint.put("step_number", (long) trainingSteps);
    checkpoint.put("metrics", metrics);
    checkpoint.put("fine_tuning_job_id", job.id);
    job.checkpoints.add(checkpoint);
    event(job, "info", "Checkpoint created at step " + trainingSteps, "message", Map.of());
    event(job, "info", "New fine-tuned model created", "message", Map.of());
    event(job, "info", "The job has successfully completed", "message", Map.of());
    StoredFile training = files.get(job.trainingFile);
    job.trainedTokens = training == null ? 0L : training.bytes() / 4 * 3;
    job.status = "succeeded";
    job.fineTunedModel = model;
    job.finishedAt = stamp();
    registerFineTune(model);
  }

  private String generatedName(JobRecord job) {
    return "ft:" + job.model + ":" + organization + ":" + (job.suffix == null ? "" : job.suffix) + ":"
        + String.format(Locale.ROOT, "emu%05d", job.number);
  }

  private void registerFineTune(String model) {
    models.put(model, new StoredModel(model, stamp(), organization, Optional.empty()));
  }

  private StoredEvent event(JobRecord job, String level, String message, String type, Map<String, ?> data) {
    StoredEvent event = new StoredEvent("ftevent-emu" + nextNumber("event"), stamp(), level,
        Objects.requireNonNull(message, "message"), type, new LinkedHashMap<>(data));
    job.events.add(event);
    return event;
  }

  // ------------------------------------------------------------------ faults

  /**
   * Adds a fault. A request meets at most one fault: the first, in the order added, whose
   * predicate matches and whose skip is used up. A fault's skip counts every matching request,
   * including those another fault took.
   */
  public FaultHandle inject(FaultSpec spec) {
    FaultHandle handle = new FaultHandle(Objects.requireNonNull(spec, "spec"));
    synchronized (lock) {
      faults.add(handle);
    }
    return handle;
  }

  /** The next {@code times} requests matching {@code which} get {@code response}, and nothing is done. */
  public FaultHandle failNext(Predicate<EmulatedRequest> which, int times, MockResponse response) {
    return inject(FaultSpec.on(which).times(times).respond(response));
  }

  /** The next {@code times} requests matching {@code which} are carried out, then their answers lost. */
  public FaultHandle loseNextAnswers(Predicate<EmulatedRequest> which, int times, AnswerLoss loss) {
    return inject(FaultSpec.on(which).times(times).afterActing(loss));
  }

  /** Removes every fault. */
  public void clearFaults() {
    synchronized (lock) {
      faults.forEach(FaultHandle::cancel);
      faults.clear();
    }
  }

  FaultHandle takeFault(EmulatedRequest request) {
    synchronized (lock) {
      faults.removeIf(FaultHandle::spent);
      FaultHandle taken = null;
      for (FaultHandle fault : faults) {
        if (fault.spec().which().test(request) && fault.see(taken == null)) {
          taken = fault;
        }
      }
      return taken;
    }
  }

  // ------------------------------------------------------------------ log

  /** Every request so far, in arrival order, with what came of it. */
  public List<Exchange> log() {
    synchronized (lock) {
      return List.copyOf(log);
    }
  }

  /** The log entries for requests matching {@code which}. */
  public List<Exchange> log(Predicate<EmulatedRequest> which) {
    return log().stream().filter(e -> which.test(e.request())).toList();
  }

  /**
   * The requests matching {@code which} that the emulator carried out successfully, whether or not
   * the answer reached the client: "exactly one upload per analyst" is {@code
   * applied(Requests.uploadNamed("jung")).size() == 1}.
   */
  public List<Exchange> applied(Predicate<EmulatedRequest> which) {
    return log(which).stream().filter(Exchange::applied).toList();
  }

  /** Every request so far, in arrival order. */
  public List<EmulatedRequest> requests() {
    return log().stream().map(Exchange::request).toList();
  }

  /** The requests matching {@code which}, in arrival order. */
  public List<EmulatedRequest> requests(Predicate<EmulatedRequest> which) {
    return requests().stream().filter(which).toList();
  }

  /** Empties the log. */
  public void clearLog() {
    synchronized (lock) {
      log.clear();
    }
  }

  void record(EmulatedRequest request, int status, Exchange.Outcome outcome) {
    synchronized (lock) {
      log.add(new Exchange(log.size() + 1, request, status, outcome));
    }
  }

  // ------------------------------------------------------------------ plumbing

  int nextNumber(String kind) {
    synchronized (lock) {
      return counters.merge(kind, 1, Integer::sum);
    }
  }

  String nextRequestId() {
    return String.format(Locale.ROOT, "req_emu%06d", nextNumber("request"));
  }

  /** Unix seconds from virtual time, strictly increasing so that creation order is kept. */
  long stamp() {
    synchronized (lock) {
      lastStamp = Math.max(time.instant().getEpochSecond(), lastStamp + 1);
      return lastStamp;
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

    private Builder() {}

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

    /** Starts an emulator with these settings on a free loopback port. */
    public OpenAiEmulator start() {
      return new OpenAiEmulator(this);
    }
  }
}
