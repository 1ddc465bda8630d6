package dev.reve.finetune.run;

import dev.reve.analysis.AnalystRegistry;
import dev.reve.finetune.CreateJobRequest;
import dev.reve.finetune.FineTuningProvider;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.ProviderKind;
import dev.reve.finetune.SupervisedHyperparameters;
import dev.reve.finetune.WaitOptions;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.openai.models.ModelCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
  /** The base model used when none is set: the same one the validator prices by default. */
  public static final String DEFAULT_BASE_MODEL = ValidationOptions.DEFAULT_BASE_MODEL;
  /** Job metadata key holding the analyst id. */
  public static final String ANALYST_KEY = JobIdentity.ANALYST_KEY;
  /** Job metadata key holding a hash of the job's base model, validation data and settings. */
  public static final String CONFIG_KEY = JobIdentity.CONFIG_KEY;
  /** Job metadata key holding the training file's SHA-256. */
  public static final String SHA256_KEY = JobIdentity.SHA256_KEY;

  private final FineTuningService service;
  private final StateFile stateFile;
  private final String baseModel;
  private final RunListener listener;
  private final Clock clock;
  private final DatasetUpload uploads;
  private final JobCreation jobCreation;

  private FineTuneRun(Builder b) {
    this.service = b.service;
    this.stateFile = new StateFile(b.stateFile);
    this.baseModel = b.baseModel;
    this.listener = b.listener;
    this.clock = b.clock;
    SendOnce sendOnce = new SendOnce(service.sleeper(), listener);
    RunChecks checks = new RunChecks(
        b.check, b.checks, Optional.ofNullable(b.validation), b.registry, b.baseModel, b.hyperparameters);
    this.uploads = new DatasetUpload(service.api(), checks, sendOnce, listener);
    JobSettings settings =
        new JobSettings(b.baseModel, b.hyperparameters, Optional.ofNullable(b.seed), b.suffixes);
    this.jobCreation =
        new JobCreation(service.jobs(), service.provider(), settings, b.retryFailedJobs, sendOnce, listener);
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
      RunJournal journal = new RunJournal(stateFile, clock);
      useBaseModel(journal);
      for (AnalystDataset dataset : datasets) {
        runOne(journal, dataset);
      }
      return journal.state();
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
      RunJournal journal = new RunJournal(stateFile, clock);
      for (AnalystRun entry : journal.state().analysts().values()) {
        if (entry.jobId().isPresent()) {
          requireSameProvider(entry);
          journal.put(entry.withJob(service.jobs().retrieve(entry.jobId().get())));
        }
      }
      return journal.state();
    }
  }

  /**
   * Waits for every job still going, all at once (one job's failure is seen while another is
   * still training), telling the run's listener (and the state file) about each status change,
   * event and metric; each job's events arrive in order, and calls to the listener never overlap.
   * Returns when all jobs ended or {@code options.timeout()} passed; jobs still going then are left
   * running and recorded as such.
   */
  @SuppressWarnings("try") // the lock is held, not used
  public RunState watch(WaitOptions options) {
    Objects.requireNonNull(options, "options");
    try (StateFile.Lock lock = stateFile.lock()) {
      RunJournal journal = new RunJournal(stateFile, clock);
      List<AnalystRun> running = new ArrayList<>();
      for (AnalystRun entry : List.copyOf(journal.state().analysts().values())) {
        if (entry.jobRunning()) {
          requireSameProvider(entry);
          running.add(entry);
        }
      }
      new RunWatch(service.jobs(), journal, listener).all(running, options);
      synchronized (journal) {
        return journal.state();
      }
    }
  }

  /**
   * Writes the succeeded analysts' models into {@code modelsFile} (keys {@code <analyst>.model},
   * merged with what is there, written atomically) and reports the others, a model whose
   * shutdown date has passed included. One analyst failing does not hold back another that
   * succeeded.
   *
   * @param refresh whether to retrieve the jobs first
   */
  public Promotion promote(Path modelsFile, boolean refresh) {
    Objects.requireNonNull(modelsFile, "modelsFile");
    Promotion promotion = ModelPromotion.of(status(refresh), modelsFile, stateFile.path(),
        new ShutdownCheck(service.models(), service.provider().kind(), LocalDate.now(clock), ModelCatalog.builtIn()));
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
    return ModelPromotion.ofJobs(service.jobs(), service.provider(), jobIds, modelsFile,
        new ShutdownCheck(service.models(), service.provider().kind(), LocalDate.now(service.clock()),
            ModelCatalog.builtIn()));
  }

  /** {@link #saveModels} for the two built-in analysts. */
  public static Promotion save(FineTuningService service, String jungJobId, String freudJobId, Path modelsFile) {
    Map<String, String> jobs = new LinkedHashMap<>();
    jobs.put("jung", jungJobId);
    jobs.put("freud", freudJobId);
    return saveModels(service, jobs, modelsFile);
  }

  /** The provider this run trains on. */
  public FineTuningProvider provider() {
    return service.provider();
  }

  /**
   * A job lives on the provider it was created on: asking another one about it would find nothing
   * or, worse, another job of the same id.
   */
  private void requireSameProvider(AnalystRun entry) {
    RunJob job = entry.job().orElseThrow();
    ProviderKind here = service.provider().kind();
    if (job.providerKind() != here) {
      throw new RunStateConflictException(
          stateFile.path() + " records " + entry.analyst() + "'s job " + job.id() + " on "
              + job.providerKind().id() + job.baseUrl().map(u -> " (" + u + ")").orElse("") + ", but this run is on "
              + here.id() + ". Run with --provider " + job.providerKind().id() + " (or "
              + FineTuningProvider.PROVIDER_VARIABLE + "), or use another state file for a run on " + here.id());
    }
  }

  private void useBaseModel(RunJournal journal) {
    Optional<String> recorded = journal.state().baseModel();
    if (recorded.isPresent() && !recorded.get().equals(baseModel) && journal.state().anyJob()) {
      throw new RunStateConflictException(
          stateFile.path() + " records jobs on base model " + recorded.get() + ", not " + baseModel
              + ". Use the same base model, or another state file for a run on the new one");
    }
    if (recorded.isEmpty() || !recorded.get().equals(baseModel)) {
      journal.replace(journal.state().withBaseModel(baseModel));
    }
  }

  private void runOne(RunJournal journal, AnalystDataset dataset) {
    String analyst = dataset.analyst();
    Fingerprint training = Fingerprint.of(dataset.trainingFile());
    AnalystRun entry = journal.get(analyst);
    if (entry != null && entry.job().isPresent()) {
      requireSameProvider(entry);
    }
    if (entry != null && entry.jobRunning()) {
      // The recorded status may be old: a job that failed since must be seen as failed here.
      entry = journal.put(entry.withJob(service.jobs().retrieve(entry.jobId().get())));
    }
    if (entry != null && !entry.training().sha256().equals(training.sha256())) {
      if (entry.jobRunning()) {
        throw new RunStateConflictException(
            analyst + "'s training data changed since job " + entry.jobId().get() + " was created"
                + " for it, and that job is " + entry.status().orElse("not finished") + ". Wait for"
                + " it or cancel it (then run status --refresh), or use another state file");
      }
      listener.onStep(analyst, "training data changed since the last run; starting afresh");
      entry = null;
    }
    if (entry == null) {
      entry = journal.put(AnalystRun.started(analyst, RunUpload.of(dataset.trainingFile().toString(), training)));
    }
    try {
      entry = uploads.training(journal, entry, dataset.trainingFile());
      if (jobCreation.needed(entry)) {
        entry = uploads.validation(journal, entry, dataset.validationFile());
        jobCreation.create(journal, entry);
      }
    } catch (RuntimeException e) {
      journal.put(journal.get(analyst).withError(Lines.first(e)));
      throw e;
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
