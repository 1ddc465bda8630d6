package dev.reve.finetune;

import com.squareup.moshi.Types;
import dev.reve.openai.call.Cancellation;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.files.FileService;
import dev.reve.openai.files.UploadProgressListener;
import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.spi.Page;
import dev.reve.openai.spi.Transport;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Optional;

/**
 * OpenAI's {@code files} and {@code fine_tuning/jobs} calls: OpenAI itself, Azure OpenAI's v1 API
 * (the client sends the {@code api-key} header) and OpenAI-compatible trainers.
 */
final class OpenAiFineTuningApi implements FineTuningApi {
  private static final Type JOB_PAGE = Types.newParameterizedType(Page.class, FineTuningJob.class);
  private static final Type EVENT_PAGE = Types.newParameterizedType(Page.class, JobEvent.class);
  private static final Type CHECKPOINT_PAGE = Types.newParameterizedType(Page.class, JobCheckpoint.class);

  private final FineTuningProvider provider;
  private final Transport client;
  private final FileService files;

  OpenAiFineTuningApi(FineTuningProvider provider, Transport client, FileService files) {
    this.provider = provider;
    this.client = client;
    this.files = files;
  }

  @Override
  public FineTuningProvider provider() {
    return provider;
  }

  @Override
  public UploadedFile upload(
      Path file, String name, String expectedSha256, UploadProgressListener progress, RequestOptions options) {
    return files.uploadExpecting(expectedSha256, file, name, FileService.FINE_TUNE, progress, options);
  }

  @Override
  public Optional<UploadedFile> findUploaded(String name, long bytes) {
    return files.findUploaded(name, bytes);
  }

  @Override
  public FineTuningJob create(CreateJobRequest request, RequestOptions options, Cancellation cancel) {
    ApiRequest call =
        ApiRequest.post("fine_tuning/jobs").jsonBody(request.toWire()).options(options).build();
    try {
      return client.<FineTuningJob>send(call, FineTuningJob.class, cancel).body();
    } catch (ApiException e) {
      throw Refusals.translate(e, Refusals.Context.CREATE_JOB, request.trainingFile());
    }
  }

  @Override
  public FineTuningJob retrieve(String jobId, Cancellation cancel) {
    return job(ApiRequest.get("fine_tuning/jobs", jobId).build(), cancel);
  }

  @Override
  public Page<FineTuningJob> list(JobListQuery query) {
    ApiRequest.Builder request = ApiRequest.get("fine_tuning/jobs");
    query.limit().ifPresent(l -> request.query("limit", l));
    query.after().ifPresent(a -> request.query("after", a));
    query.metadata().forEach((k, v) -> request.query("metadata[" + k + "]", v));
    return Refusals.translated(() -> client.<Page<FineTuningJob>>send(request.build(), JOB_PAGE).body());
  }

  @Override
  public Page<JobEvent> events(String jobId, String after, Integer limit) {
    ApiRequest request =
        ApiRequest.get("fine_tuning/jobs", jobId, "events").query("after", after).query("limit", limit).build();
    return Refusals.translated(() -> client.<Page<JobEvent>>send(request, EVENT_PAGE).body());
  }

  @Override
  public Page<JobCheckpoint> checkpoints(String jobId, String after, Integer limit) {
    ApiRequest request =
        ApiRequest.get("fine_tuning/jobs", jobId, "checkpoints").query("after", after).query("limit", limit).build();
    return Refusals.translated(() -> client.<Page<JobCheckpoint>>send(request, CHECKPOINT_PAGE).body());
  }

  @Override
  public FineTuningJob cancel(String jobId) {
    return job(ApiRequest.post("fine_tuning/jobs", jobId, "cancel").build(), Cancellation.none());
  }

  @Override
  public FineTuningJob pause(String jobId) {
    return job(ApiRequest.post("fine_tuning/jobs", jobId, "pause").build(), Cancellation.none());
  }

  @Override
  public FineTuningJob resume(String jobId) {
    return job(ApiRequest.post("fine_tuning/jobs", jobId, "resume").build(), Cancellation.none());
  }

  @Override
  public Optional<PriceEstimate> estimatePrice(CreateJobRequest request) {
    return Optional.empty();
  }

  private FineTuningJob job(ApiRequest request, Cancellation cancel) {
    return Refusals.translated(() -> client.<FineTuningJob>send(request, FineTuningJob.class, cancel).body());
  }
}
