package dev.reve.finetune.run;

import dev.reve.storage.Sha256;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.finetune.CreateJobRequest;
import dev.reve.openai.files.FileService;
import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.FineTuningTimeoutException;
import dev.reve.finetune.JobEvent;
import dev.reve.finetune.JobListQuery;
import dev.reve.finetune.JobListener;
import dev.reve.finetune.JobStatus;
import dev.reve.finetune.SupervisedHyperparameters;
import dev.reve.finetune.TrainingMetrics;
import dev.reve.openai.files.UploadedFile;
import dev.reve.finetune.WaitOptions;
import dev.reve.finetune.validation.Epochs;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.error.OpenAiException;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.call.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * "Fine-tune these analysts", durably: check each training file, upload it, create one job per
 * analyst, and record file ids and job ids in a state file after every step. A crash or Ctrl-C at
 * any point loses nothing, and running again resumes without duplicate uploads or jobs: when the
 * state file lags behind the server, the upload is found again by its name (which carries the
 * data's hash) and size, and the job by the SHA-256 kept in its metadata ({@code reve_analyst},
 * {@code reve_sha256}).
 *
 * <pre>{@code
 * FineTuneRun run = FineTuneRun.builder(FineTuningService.of(client))
 *     .check(myValidator)
 *     .build();
 * run.start(List.of(AnalystDataset.of("jung", Path.of("jung.jsonl")),
 *                   AnalystDataset.of("freud", Path.of("freud.jsonl"))));
 * run.watch(WaitOptions.DEFAULT);
 * Promotion p = run.promote(Path.of(ModelsFile.DEFAULT_NAME), true);
 * System.out.print(p.report());
 * }</pre>
 */
public final class FineTuneRun {
  private static final RequestOptions SEND_ONCE = RequestOptions.builder().maxRetries(0).build();

  /** The base model used when none is set: the same one the validator prices by default. */
  public static final String DEFAULT_BASE_MODEL =
      dev.reve.finetune.validation.ValidationOptions.DEFAULT_BASE_MODEL;
  /** Job metadata key holding the analyst id. */
  public static final String ANALYST_KEY = "reve_analyst";
  /** Job metadata key holding a hash of the job's base model, validation data and settings. */
  public static final String CONFIG_KEY = "reve_config";
  /** Job metadata key holding the training file's SHA-256. */
  public static final String SHA256_KEY = "reve_sha256";

  private static final long MAX_JOBS_SCANNED = 1_000;

  private final FineTuningService service;
  private final StateFile stateFile;
  private final String baseModel;
  private final TrainingFileCheck check;
  private final Map<String, TrainingFileCheck> checks;
  private final ValidationOptions validation;
  private final AnalystRegistry registry;
  private final SupervisedHyperparameters hyperparameters;
  private final Integer seed;
  private final Map<String, String> suffixes;
  private final boolean retryFailedJobs;
  private final RunListener listener;
  private final Clock clock;

  private FineTuneRun(Builder b) {
    this.service = b.service;
    this.stateFile = new StateFile(b.stateFile);
    this.baseModel = b.baseModel;
    this.check = b.check;
    this.checks = Map.copyOf(b.checks);
    this.validation = b.validation;
    this.registry = b.registry;
    this.hyperparameters = b.hyperparameters;
    this.seed = b.seed;
    this.suffixes = Map.copyOf(b.suffixes);
    this.retryFailedJobs = b.retryFailedJobs;
    this.listener = b.listener;
    this.clock = b.clock;
  }

  /** A builder for a run on {@code service}. */
  public static Builder builder(FineTuningService service) {
    return new Builder(service);
  }

  /** The state file this run reads and writes. */
  public Path stateFile() {
    return stateFile.path();
  }

  /**
   * Checks, uploads and creates a job for every dataset, skipping what the state file (or the
   * server) shows as done. The state file is written after every step.
   *
   * @return the state after the last step
   * @throws TrainingDataInvalidException when a file fails the check (nothing of it is uploaded)
   * @throws RunStateConflictException when the state file is locked, unreadable, or records a
   *     running job for other data of the same analyst
   */
  @SuppressWarnings("try") // the lock is held, not used
  public RunState start(List<AnalystDataset> datasets) {
    Objects.requireNonNull(datasets, "datasets");
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("no datasets: give at least one analyst's training file");
    }
    try (StateFile.Lock lock = stateFile.lock()) {
      State state = new State(stateFile.load());
      useBaseModel(state);
      for (AnalystDataset dataset : datasets) {
        runOne(state, dataset);
      }
      return state.value;
    }
  }

  /**
   * The recorded state; with {@code refresh}, each job is retrieved first and the state file
   * updated.
   */
  @SuppressWarnings("try") // the lock is held, not used
  public RunState status(boolean refresh) {
    if (!refresh) {
      return stateFile.load();
    }
    try (StateFile.Lock lock = stateFile.lock()) {
      State state = new State(stateFile.load());
      for (AnalystRun entry : state.value.analysts().values()) {
        if (entry.jobId().isPresent()) {
          state.put(fromJob(entry, service.jobs().retrieve(entry.jobId().get())));
        }
      }
      return state.value;
    }
  }

  /**
   * Waits for every job still going, telling the run's listener (and the state file) about each
   * status change, event and metric. Returns when all jobs ended or {@code options.timeout()}
   * passed; jobs still going then are left running and recorded as such.
   */
  @SuppressWarnings("try") // the lock is held, not used
  public RunState watch(WaitOptions options) {
    Objects.requireNonNull(options, "options");
    try (StateFile.Lock lock = stateFile.lock()) {
      State state = new State(stateFile.load());
      Instant deadline = clock.instant().plus(options.timeout());
      for (AnalystRun entry : List.copyOf(state.value.analysts().values())) {
        if (entry.jobId().isEmpty() || entry.state().isTerminal()) {
          continue;
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative()) {
          left = Duration.ZERO;
        }
        String analyst = entry.analyst();
        JobListener hear =
            new JobListener() {
              @Override
              public void onStatus(FineTuningJob job, Optional<String> previous) {
                state.put(fromJob(state.value.analysts().get(analyst), job));
                listener.onStatus(analyst, job, previous);
              }

              @Override
              public void onEvent(FineTuningJob job, JobEvent event) {
                listener.onEvent(analyst, job, event);
              }

              @Override
              public void onMetrics(FineTuningJob job, TrainingMetrics metrics) {
                listener.onMetrics(analyst, job, metrics);
              }
            };
        try {
          FineTuningJob done = service.jobs().waitFor(entry.jobId().get(), options.withTimeout(left), hear);
          state.put(fromJob(state.value.analysts().get(analyst), done));
        } catch (FineTuningTimeoutException timeout) {
          state.put(fromJob(state.value.analysts().get(analyst), timeout.job()));
          listener.onStep(analyst, "still " + timeout.job().status() + " when the wait ended");
        }
      }
      return state.value;
    }
  }

  /**
   * Writes the succeeded analysts' models into {@code modelsFile} (keys {@code <analyst>.model},
   * merged with what is there, written atomically) and reports the others. One analyst failing
   * does not hold back another that succeeded.
   *
   * @param refresh whether to retrieve the jobs first
   */
  public Promotion promote(Path modelsFile, boolean refresh) {
    Objects.requireNonNull(modelsFile, "modelsFile");
    RunState state = status(refresh);
    if (state.analysts().isEmpty()) {
      return new Promotion(
          modelsFile, Map.of(), Map.of("(none)", "no run recorded in " + stateFile.path()), List.of());
    }
    Map<String, String> models = new LinkedHashMap<>();
    Map<String, String> left = new LinkedHashMap<>();
    for (AnalystRun entry : state.analysts().values()) {
      if (entry.succeeded()) {
        models.put(entry.analyst(), entry.fineTunedModel().get());
      } else {
        left.put(entry.analyst(), reasonNotPromoted(entry));
      }
    }
    Promotion promotion = write(modelsFile, models, left);
    promotion.promoted().forEach((a, m) -> listener.onStep(a, "promoted " + m));
    return promotion;
  }

  /**
   * Promotes the results of jobs given by id, as the original project's save script did, but
   * writes every succeeded model even when another job failed.
   *
   * @param jobIds analyst id to job id, such as {@code jung -> ftjob-...}
   */
  public static Promotion saveModels(FineTuningService service, Map<String, String> jobIds, Path modelsFile) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(jobIds, "jobIds");
    Map<String, String> models = new LinkedHashMap<>();
    Map<String, String> left = new LinkedHashMap<>();
    jobIds.forEach(
        (analyst, jobId) -> {
          AnalystDataset.requireId(analyst);
          FineTuningJob job = service.jobs().retrieve(jobId);
          AnalystRun entry = fromJob(new AnalystRun(analyst, null, null, null, null, null, null, null, null,
              null, null, Optional.of(jobId), null, null, null), job);
          if (entry.succeeded()) {
            models.put(analyst, entry.fineTunedModel().get());
          } else {
            left.put(analyst, reasonNotPromoted(entry));
          }
        });
    return write(modelsFile, models, left);
  }

  /** {@link #saveModels} for the two built-in analysts. */
  public static Promotion save(FineTuningService service, String jungJobId, String freudJobId, Path modelsFile) {
    Map<String, String> jobs = new LinkedHashMap<>();
    jobs.put("jung", jungJobId);
    jobs.put("freud", freudJobId);
    return saveModels(service, jobs, modelsFile);
  }

  private static Promotion write(Path modelsFile, Map<String, String> models, Map<String, String> left) {
    if (!models.isEmpty()) {
      Map<String, String> entries = new LinkedHashMap<>();
      models.forEach((a, m) -> entries.put(ModelsFile.key(a), m));
      ModelsFile.merge(modelsFile, entries);
    }
    List<String> env =
        models.entrySet().stream().map(e -> Promotion.environmentVariable(e.getKey()) + "=" + e.getValue()).toList();
    return new Promotion(modelsFile, models, left, env);
  }

  private static String reasonNotPromoted(AnalystRun entry) {
    if (entry.jobId().isEmpty()) {
      return entry.error().map(e -> "no job was created (" + e + "); fix that and run again")
          .orElse("no job was created yet; run again to create it");
    }
    String job = "job " + entry.jobId().get();
    return switch (entry.state()) {
      case SUCCEEDED -> job + " succeeded but named no model; check it with status --refresh";
      case FAILED -> job + " failed" + entry.error().map(e -> ": " + e).orElse("")
          + "; fix the cause and run again with failed jobs retried";
      case CANCELLED -> job + " was cancelled; run again with failed jobs retried to train anew";
      default -> job + " is " + entry.status().orElse("in an unknown state")
          + "; wait for it to finish and promote again";
    };
  }

  private void useBaseModel(State state) {
    Optional<String> recorded = state.value.baseModel();
    if (recorded.isPresent() && !recorded.get().equals(baseModel)) {
      boolean hasJobs = state.value.analysts().values().stream().anyMatch(a -> a.jobId().isPresent());
      if (hasJobs) {
        throw new RunStateConflictException(
            stateFile.path() + " records jobs on base model " + recorded.get() + ", not " + baseModel
                + ". Use the same base model, or another state file for a run on the new one");
      }
    }
    if (recorded.isEmpty() || !recorded.get().equals(baseModel)) {
      state.replace(state.value.withBaseModel(baseModel));
    }
  }

  private void runOne(State state, AnalystDataset dataset) {
    String analyst = dataset.analyst();
    Fingerprint training = Fingerprint.of(dataset.trainingFile());
    AnalystRun entry = state.value.analyst(analyst).orElse(null);
    if (entry != null && entry.jobId().isPresent() && !entry.state().isTerminal()) {
      // The recorded status may be old: a job that failed since must be seen as failed here.
      entry = fromJob(entry, service.jobs().retrieve(entry.jobId().get()));
      state.put(entry);
    }
    if (entry != null && !entry.sha256().equals(training.sha256)) {
      if (entry.jobId().isPresent() && !entry.state().isTerminal()) {
        throw new RunStateConflictException(
            analyst + "'s training data changed since job " + entry.jobId().get() + " was created"
                + " for it, and that job is " + entry.status().orElse("not finished") + ". Wait for"
                + " it or cancel it (then run status --refresh), or use another state file");
      }
      listener.onStep(analyst, "training data changed since the last run; starting afresh");
      entry = null;
    }
    if (entry == null) {
      entry = new AnalystRun(analyst, dataset.trainingFile().toString(), training.sha256, training.bytes,
          null, null, null, null, null, null, null, null, null, null, null);
      state.put(entry);
    }
    try {
      entry = checkAndUpload(state, entry, dataset, training);
      entry = createJob(state, entry, dataset);
    } catch (RuntimeException e) {
      AnalystRun latest = state.value.analysts().get(analyst);
      state.put(latest.withError(e.getMessage() == null ? e.toString() : firstLine(e.getMessage())));
      throw e;
    }
  }

  private AnalystRun checkAndUpload(State state, AnalystRun entry, AnalystDataset dataset, Fingerprint training) {
    String analyst = entry.analyst();
    if (entry.fileId().isEmpty()) {
      entry = runCheck(state, entry, dataset.trainingFile());
      String name = uploadName(dataset.trainingFile(), training.sha256);
      String id = findOrUpload(analyst, dataset.trainingFile(), name, training.bytes);
      entry = entry.withFile(name, id).withError(null);
      state.put(entry);
    }
    Optional<Fingerprint> wanted = dataset.validationFile().map(Fingerprint::of);
    boolean jobToMake = entry.jobId().isEmpty() || (retryFailedJobs && failedOrCancelled(entry));
    if (jobToMake
        && entry.validationFileId().isPresent()
        && !wanted.map(Fingerprint::sha256).equals(entry.validationSha256())) {
      listener.onStep(analyst, wanted.isPresent()
          ? "validation file changed since the last run; it will be uploaded again"
          : "no validation file this time; the earlier one is not used");
      entry = entry.withValidation(null, null, null, null);
      state.put(entry);
    }
    if (wanted.isPresent() && entry.validationFileId().isEmpty() && jobToMake) {
      Path file = dataset.validationFile().get();
      Fingerprint validation = wanted.get();
      entry = runCheck(state, entry, file);
      String name = uploadName(file, validation.sha256);
      String id = findOrUpload(analyst, file, name, validation.bytes);
      entry = entry.withValidation(file.toString(), validation.sha256, validation.bytes, id).withError(null);
      state.put(entry);
    }
    return entry;
  }

  private AnalystRun runCheck(State state, AnalystRun entry, Path file) {
    TrainingFileCheck.Result result = checkFor(entry.analyst()).check(file);
    AnalystRun checked = entry.withCheck(result.summary());
    if (!result.ok()) {
      state.put(checked.withError("check failed for " + file.getFileName()));
      result.requireOk(file);
    }
    state.put(checked);
    listener.onStep(entry.analyst(), "checked " + file.getFileName() + ": " + firstLine(result.summary()));
    return checked;
  }

  /** The analyst's own check, else the validator with the run's model, else the common check. */
  private TrainingFileCheck checkFor(String analyst) {
    TrainingFileCheck own = checks.get(analyst);
    if (own != null) {
      return own;
    }
    if (validation != null) {
      ValidationOptions.Builder options = validation.toBuilder().baseModel(baseModel);
      hyperparameters.epochs().value().ifPresent(n -> options.epochs(Epochs.of(n.intValue())));
      registry.find(analyst).ifPresent(options::analyst);
      return TrainingFileChecks.validator(options.build());
    }
    return check;
  }

  private String findOrUpload(String analyst, Path file, String name, long bytes) {
    Optional<UploadedFile> existing = service.files().findUploaded(name, bytes);
    if (existing.isPresent()) {
      listener.onStep(analyst, "found " + name + " already uploaded as " + existing.get().id());
      return existing.get().id();
    }
    listener.onStep(analyst, "uploading " + file.getFileName() + " as " + name + " (" + bytes + " bytes)");
    UploadedFile uploaded =
        sendOnce(
            analyst,
            "upload",
            () -> service.files().findUploaded(name, bytes),
            once ->
                service.files()
                    .upload(file, name, FileService.FINE_TUNE, listener.uploadProgress(analyst), once));
    listener.onStep(analyst, "uploaded " + name + " as " + uploaded.id());
    return uploaded.id();
  }

  private AnalystRun createJob(State state, AnalystRun entry, AnalystDataset dataset) {
    String analyst = entry.analyst();
    boolean retry = retryFailedJobs
        && (entry.state() == JobStatus.FAILED || entry.state() == JobStatus.CANCELLED);
    if (entry.jobId().isPresent() && !retry) {
      return entry;
    }
    // Also when retrying: a replacement job may exist already if the last run stopped before
    // it could record it.
    String config = configuration(analyst, entry);
    Optional<FineTuningJob> found = findJob(analyst, entry.sha256(), config);
    if (found.isPresent() && !(retryFailedJobs && failedOrCancelled(found.get()))) {
      listener.onStep(analyst, "found job " + found.get().id() + " already created (" + found.get().status() + ")");
      entry = fromJob(entry, found.get());
      state.put(entry);
      return entry;
    }
    CreateJobRequest.Builder request =
        CreateJobRequest.builder(baseModel, entry.fileId().orElseThrow())
            .suffix(suffixes.getOrDefault(analyst, analyst))
            .hyperparameters(hyperparameters)
            .metadata(ANALYST_KEY, analyst)
            .metadata(SHA256_KEY, entry.sha256())
            .metadata(CONFIG_KEY, config);
    entry.validationFileId().ifPresent(request::validationFile);
    if (seed != null) {
      request.seed(seed);
    }
    CreateJobRequest create = request.build();
    String sha256 = entry.sha256();
    FineTuningJob job =
        sendOnce(
            analyst,
            "job creation",
            () -> findJob(analyst, sha256, config).filter(j -> !failedOrCancelled(j)),
            once -> service.jobs().create(create, once));
    listener.onStep(analyst, "created job " + job.id() + " (" + job.status() + ")");
    entry = fromJob(entry, job);
    state.put(entry);
    return entry;
  }

  /**
   * Sends a request that must not happen twice (an upload, a job creation) with the client's
   * automatic retries off. When it fails in a way that may have reached the server anyway (a lost
   * answer, a timeout, a 5xx), looks for its result before sending it again: a retry that did not
   * look could leave a second file or a second, billed job.
   */
  private <T> T sendOnce(
      String analyst, String what, Supplier<Optional<T>> lookUp, Function<RequestOptions, T> send) {
    for (int attempt = 1; ; attempt++) {
      try {
        return send.apply(SEND_ONCE);
      } catch (OpenAiException e) {
        if (!RetryPolicy.isTransient(e) || attempt > RetryPolicy.DEFAULT.maxRetries()) {
          throw e;
        }
        listener.onStep(analyst, what + " failed (" + firstLine(e.getMessage())
            + "); checking whether it reached the server before sending again");
        // Wait first: a server that acted but lost the answer may list the result only later.
        Duration wait =
            (e instanceof ApiException api ? api.retryAfter() : Optional.<Duration>empty())
                .filter(d -> d.compareTo(RetryPolicy.DEFAULT.maxRetryAfter()) <= 0)
                .orElse(RetryPolicy.DEFAULT.backoff(attempt, 0.5));
        try {
          service.sleeper().sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          e.addSuppressed(interrupted);
          throw e;
        }
        Optional<T> done = lookUp.get();
        if (done.isPresent()) {
          return done.get();
        }
      }
    }
  }

  /**
   * The job made earlier from this data with this configuration: the newest one not failed, else
   * the newest. A job of another base model, validation file, hyperparameters, suffix or seed is
   * not this run's job, even when it trained the same data.
   */
  private Optional<FineTuningJob> findJob(String analyst, String sha256, String config) {
    JobListQuery query = JobListQuery.DEFAULT.withLimit(100).withMetadata(SHA256_KEY, sha256);
    List<FineTuningJob> matches =
        service.jobs().listAll(query, MAX_JOBS_SCANNED).stream()
            .filter(j -> sha256.equals(j.metadata().get(SHA256_KEY)) && analyst.equals(j.metadata().get(ANALYST_KEY)))
            .filter(j -> config.equals(j.metadata().get(CONFIG_KEY)))
            .sorted(Comparator.comparingLong(FineTuningJob::createdAt).reversed())
            .toList();
    return matches.stream()
        .filter(j -> !failedOrCancelled(j))
        .findFirst()
        .or(() -> matches.stream().findFirst());
  }

  /** A short hash of everything besides the training data that makes a job this run's job. */
  private String configuration(String analyst, AnalystRun entry) {
    String text = String.join("\n",
        baseModel,
        entry.validationSha256().orElse("-"),
        String.valueOf(hyperparameters),
        suffixes.getOrDefault(analyst, analyst),
        String.valueOf(seed));
    return Sha256.hex(text).substring(0, 16);
  }

  private static boolean failedOrCancelled(AnalystRun entry) {
    return entry.state() == JobStatus.FAILED || entry.state() == JobStatus.CANCELLED;
  }

  private static boolean failedOrCancelled(FineTuningJob job) {
    return job.state() == JobStatus.FAILED || job.state() == JobStatus.CANCELLED;
  }

  private static AnalystRun fromJob(AnalystRun entry, FineTuningJob job) {
    String failure =
        job.error()
            .map(e -> e.message().orElse("no message") + e.code().map(c -> " [" + c + "]").orElse(""))
            .orElse(null);
    return entry.withJob(job.id(), job.status(), job.fineTunedModel().orElse(null), failure);
  }

  /** {@code jung.jsonl} with hash {@code 3fa9...} uploads as {@code jung-3fa9c1d2e4b5.jsonl}. */
  static String uploadName(Path file, String sha256) {
    String base = String.valueOf(file.getFileName());
    int dot = base.lastIndexOf('.');
    String stem = dot > 0 ? base.substring(0, dot) : base;
    String ext = dot > 0 ? base.substring(dot) : ".jsonl";
    return stem + "-" + sha256.substring(0, 12) + ext;
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** The state held in memory and written to disk after every change. */
  private final class State {
    private RunState value;

    State(RunState initial) {
      this.value = initial;
    }

    void put(AnalystRun entry) {
      replace(value.with(entry));
    }

    void replace(RunState next) {
      value = next.stamped(clock.instant().toString());
      stateFile.save(value);
    }
  }

  private record Fingerprint(String sha256, long bytes) {
    static Fingerprint of(Path file) {
      Sha256.FileHash hash = Sha256.ofFile(file);
      return new Fingerprint(hash.sha256(), hash.bytes());
    }
  }

  /** Builds a {@link FineTuneRun}. */
  public static final class Builder {
    private final FineTuningService service;
    private Path stateFile = Path.of(StateFile.DEFAULT_NAME);
    private String baseModel = DEFAULT_BASE_MODEL;
    private TrainingFileCheck check = TrainingFileChecks.none();
    private final Map<String, TrainingFileCheck> checks = new LinkedHashMap<>();
    private ValidationOptions validation;
    private AnalystRegistry registry = AnalystRegistry.withBuiltIns();
    private SupervisedHyperparameters hyperparameters = SupervisedHyperparameters.AUTO;
    private Integer seed;
    private final Map<String, String> suffixes = new LinkedHashMap<>();
    private boolean retryFailedJobs;
    private RunListener listener = RunListener.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder(FineTuningService service) {
      this.service = Objects.requireNonNull(service, "service");
    }

    /** Where the state is kept; default {@code reve-finetune.json} in the working directory. */
    public Builder stateFile(Path value) {
      this.stateFile = Objects.requireNonNull(value, "stateFile");
      return this;
    }

    /** The base model every job trains; default {@value FineTuneRun#DEFAULT_BASE_MODEL}. */
    public Builder baseModel(String value) {
      this.baseModel = dev.reve.openai.spi.Json.requireText(value, "baseModel");
      return this;
    }

    /**
     * The check every file must pass before upload, unless {@link #validateWith} or an analyst's
     * own check applies; default: non-empty.
     */
    public Builder check(TrainingFileCheck value) {
      this.check = Objects.requireNonNull(value, "check");
      return this;
    }

    /** The check for one analyst's files, taking precedence over the others. */
    public Builder check(String analyst, TrainingFileCheck value) {
      checks.put(AnalystDataset.requireId(analyst), Objects.requireNonNull(value, "check"));
      return this;
    }

    /**
     * Checks every file with the training-data validator: {@code options} with the run's base
     * model, its epoch count when set, and the analyst's profile from the built-in registry (so
     * the system prompt and user template must match what is served).
     */
    public Builder validateWith(ValidationOptions options) {
      return validateWith(options, AnalystRegistry.withBuiltIns());
    }

    /** {@link #validateWith(ValidationOptions)} looking analysts up in {@code analysts}. */
    public Builder validateWith(ValidationOptions options, AnalystRegistry analysts) {
      this.validation = Objects.requireNonNull(options, "options");
      this.registry = Objects.requireNonNull(analysts, "analysts");
      return this;
    }

    /** Hyperparameters for every job; default all auto. */
    public Builder hyperparameters(SupervisedHyperparameters value) {
      this.hyperparameters = Objects.requireNonNull(value, "hyperparameters");
      return this;
    }

    /** A seed for every job. */
    public Builder seed(int value) {
      this.seed = value;
      return this;
    }

    /** The model-name suffix for one analyst; default the analyst id. */
    public Builder suffix(String analyst, String suffix) {
      suffixes.put(Objects.requireNonNull(analyst, "analyst"), CreateJobRequest.checkSuffix(suffix));
      return this;
    }

    /** Whether a rerun replaces a failed or cancelled job with a new one; default no. */
    public Builder retryFailedJobs(boolean value) {
      this.retryFailedJobs = value;
      return this;
    }

    /** Hears steps and progress. */
    public Builder listener(RunListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /** The clock for time stamps and the watch deadline. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Builds the run. */
    public FineTuneRun build() {
      return new FineTuneRun(this);
    }
  }
}
