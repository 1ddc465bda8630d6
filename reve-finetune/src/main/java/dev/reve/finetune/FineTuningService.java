package dev.reve.finetune;

import dev.reve.openai.files.FileService;
import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.Sleeper;
import java.time.Clock;
import java.util.Objects;

/**
 * The fine-tuning lifecycle on an {@link OpenAiClient} pointed at a {@link FineTuningProvider}
 * (OpenAI by default; Azure OpenAI, an OpenAI-compatible trainer or Together AI by configuration):
 * {@link #files()} to upload training data,
 * {@link #jobs()} to train and watch, {@link #models()} to list and delete the results. Holds no
 * resources of its own; close the client when done.
 *
 * <pre>{@code
 * FineTuningService ft = FineTuningService.of(client);
 * UploadedFile file = ft.files().upload(Path.of("jung.jsonl"), (sent, total) -> {});
 * FineTuningJob job = ft.jobs().create(
 *     CreateJobRequest.builder("gpt-4o-mini-2024-07-18", file.id()).suffix("jung").epochs(3).build());
 * FineTuningJob done = ft.jobs().waitFor(job.id(), WaitOptions.DEFAULT, JobListener.NONE);
 * String model = done.requireSucceeded().fineTunedModel().orElseThrow();
 * }</pre>
 */
public final class FineTuningService {
  private final OpenAiClient client;
  private final FileService files;
  private final JobService jobs;
  private final FineTunedModels models;
  private final Sleeper sleeper;
  private final Clock clock;
  private final FineTuningApi api;

  private FineTuningService(Builder b) {
    this.clock = b.clock;
    this.client = b.client;
    this.files = b.client.files().withUploadRefusals(Refusals::forUpload);
    FineTuningProvider provider = b.provider == null
        ? FineTuningProvider.of(ProviderKind.OPENAI, b.client.baseUrl().toString())
        : b.provider;
    this.api = provider.kind() == ProviderKind.TOGETHER
        ? new TogetherFineTuningApi(provider, b.client.transport(), files, b.together)
        : new OpenAiFineTuningApi(provider, b.client.transport(), files);
    this.jobs = new JobService(b.client.transport(), api, b.sleeper, b.clock);
    this.sleeper = b.sleeper;
    this.models = new FineTunedModels(b.client);
  }

  /** A service on {@code client} that waits with real time. */
  public static FineTuningService of(OpenAiClient client) {
    return builder(client).build();
  }

  /** A builder; tests inject a sleeper and a clock. */
  public static Builder builder(OpenAiClient client) {
    return new Builder(client);
  }

  /** The client underneath. */
  public OpenAiClient client() {
    return client;
  }

  /** The clock that dates job deadlines and shutdown checks. */
  public Clock clock() {
    return clock;
  }

  /** The provider this service trains on. */
  public FineTuningProvider provider() {
    return api.provider();
  }

  /** The provider's calls in this SDK's shapes: uploads and jobs as {@link #jobs()} uses them. */
  public FineTuningApi api() {
    return api;
  }

  /** Waits between polls and between careful retries of uploads and job creation. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /**
   * The client's files, with upload refusals thrown as {@link TrainingFileRejectedException}
   * and {@link FineTuningUnavailableException}.
   */
  public FileService files() {
    return files;
  }

  /** Jobs: create, retrieve, list, events, checkpoints, cancel, pause, resume, wait. */
  public JobService jobs() {
    return jobs;
  }

  /** The account's fine-tuned models. */
  public FineTunedModels models() {
    return models;
  }

  /** Builds a {@link FineTuningService}. */
  public static final class Builder {
    private final OpenAiClient client;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private FineTuningProvider provider;
    private TogetherOptions together = TogetherOptions.DEFAULT;

    private Builder(OpenAiClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /** Waits between polls; tests pass a fake that returns at once. */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /** Measures wait deadlines. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The provider the client talks to; default OpenAI's dialect at the client's base URL. The
     * client must already point at the provider ({@link FineTuningProvider#clientBuilder}).
     */
    public Builder provider(FineTuningProvider value) {
      this.provider = Objects.requireNonNull(value, "provider");
      return this;
    }

    /** LoRA or full, SFT or DPO, for Together AI's jobs; default {@link TogetherOptions#DEFAULT}. */
    public Builder together(TogetherOptions value) {
      this.together = Objects.requireNonNull(value, "together");
      return this;
    }

    /** Builds the service. */
    public FineTuningService build() {
      return new FineTuningService(this);
    }
  }
}
