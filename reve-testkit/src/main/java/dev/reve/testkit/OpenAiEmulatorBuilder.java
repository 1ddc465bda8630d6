package dev.reve.testkit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Settings for an {@link OpenAiEmulator}, from {@link OpenAiEmulator#builder()}. */
public final class OpenAiEmulatorBuilder {
  final List<StoredModel> models = new ArrayList<>(OpenAiEmulator.DEFAULT_MODELS);
  Instant start = OpenAiEmulator.DEFAULT_START;
  VirtualTime time;
  String organization = OpenAiEmulator.DEFAULT_ORGANIZATION;
  String apiKey = OpenAiEmulator.API_KEY;
  boolean requireApiKey = true;
  boolean alwaysHasMore;
  int advanceEvery;
  int trainingSteps = 4;
  ChatResponder responder = ChatResponder.CANNED;
  boolean trainedAnswers;
  boolean checkApiKey;
  JobPace pace;
  Path stateDirectory;
  int port;
  int requestLogLimit;
  boolean advanceBatchesOnRetrieve = true;

  OpenAiEmulatorBuilder() {}

  /**
   * Refuses a request whose key is not {@link #apiKey(String) the configured one} with OpenAI's
   * 401 {@code invalid_api_key}; off by default, when any non-blank key is accepted.
   */
  public OpenAiEmulatorBuilder checkApiKey(boolean check) {
    this.checkApiKey = check;
    return this;
  }

  /**
   * Answers chat with {@link TrainedAnswers}: fine-tuned models from their training examples,
   * base models with a placeholder naming the analyst.
   */
  public OpenAiEmulatorBuilder trainedAnswers() {
    this.trainedAnswers = true;
    return this;
  }

  /** Jobs advance by themselves at this pace (see {@link JobPace}); by default only on demand. */
  public OpenAiEmulatorBuilder jobPace(JobPace value) {
    this.pace = Objects.requireNonNull(value, "value");
    return this;
  }

  /**
   * Keeps files, jobs, models and id counters in this folder, read at start and written after
   * every request, so that they survive a restart; one emulator at a time may use a folder.
   */
  public OpenAiEmulatorBuilder stateDirectory(Path directory) {
    this.stateDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
    return this;
  }

  /** Listens on this loopback port; 0 (default) picks a free one. */
  public OpenAiEmulatorBuilder port(int value) {
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
  public OpenAiEmulatorBuilder requestLogLimit(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must be 0 (no limit) or more, got " + max);
    }
    this.requestLogLimit = max;
    return this;
  }

  /** Serves exactly these models instead of {@link OpenAiEmulator#DEFAULT_MODELS}. */
  public OpenAiEmulatorBuilder models(StoredModel... list) {
    models.clear();
    models.addAll(List.of(list));
    return this;
  }

  /** Serves this model too. */
  public OpenAiEmulatorBuilder addModel(StoredModel model) {
    models.add(Objects.requireNonNull(model, "model"));
    return this;
  }

  /**
   * Where virtual time starts; default {@link OpenAiEmulator#DEFAULT_START}. Not together with {@link
   * #time(VirtualTime)}, which brings its own start.
   */
  public OpenAiEmulatorBuilder startTime(Instant instant) {
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
  public OpenAiEmulatorBuilder time(VirtualTime value) {
    if (start != OpenAiEmulator.DEFAULT_START) {
      throw new IllegalStateException("startTime(...) is set already; set the start on the VirtualTime");
    }
    this.time = Objects.requireNonNull(value, "value");
    return this;
  }

  /** The organization that owns fine-tuned models and appears in their names. */
  public OpenAiEmulatorBuilder organization(String name) {
    this.organization = Objects.requireNonNull(name, "name");
    return this;
  }

  /** The key {@link OpenAiEmulator#clientBuilder()} sets; any non-blank key is accepted either way. */
  public OpenAiEmulatorBuilder apiKey(String key) {
    this.apiKey = Objects.requireNonNull(key, "key");
    return this;
  }

  /**
   * Whether a request without {@code Authorization: Bearer ...} is answered 401, as OpenAI does;
   * on by default. Turn it off to emulate a local server that needs no key.
   */
  public OpenAiEmulatorBuilder requireApiKey(boolean require) {
    this.requireApiKey = require;
    return this;
  }

  /**
   * Lists always say {@code has_more: true}, as Prism's examples do, to test that a client still
   * stops (at an empty page).
   */
  public OpenAiEmulatorBuilder alwaysHasMore(boolean value) {
    this.alwaysHasMore = value;
    return this;
  }

  /** Jobs advance one step by themselves on every {@code retrievals}-th retrieval; 0 (default) never. */
  public OpenAiEmulatorBuilder advanceJobsEvery(int retrievals) {
    if (retrievals < 0) {
      throw new IllegalArgumentException("retrievals must be 0 (never) or more, got " + retrievals);
    }
    this.advanceEvery = retrievals;
    return this;
  }

  /** The number of training steps (metrics events) a job reports on its way to success; default 4. */
  public OpenAiEmulatorBuilder trainingSteps(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be 1 or more, got " + steps);
    }
    this.trainingSteps = steps;
    return this;
  }

  /** The chat responder for models without their own; default {@link ChatResponder#CANNED}. */
  public OpenAiEmulatorBuilder chatResponder(ChatResponder value) {
    this.responder = Objects.requireNonNull(value, "value");
    return this;
  }

  /**
   * Whether every retrieval of a batch moves it one step on (on by default, so a client polling
   * it sees it finish); off, tests drive batches with {@link EmulatedBatches#advance}.
   */
  public OpenAiEmulatorBuilder advanceBatchesOnRetrieve(boolean value) {
    this.advanceBatchesOnRetrieve = value;
    return this;
  }

  /** Starts an emulator with these settings on a free loopback port. */
  public OpenAiEmulator start() {
    return new OpenAiEmulator(this);
  }
}
