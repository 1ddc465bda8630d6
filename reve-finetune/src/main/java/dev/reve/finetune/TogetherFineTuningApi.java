package dev.reve.finetune;

import com.squareup.moshi.Types;
import dev.reve.openai.call.Cancellation;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.error.ApiException;
import dev.reve.openai.files.FileListQuery;
import dev.reve.openai.files.FileService;
import dev.reve.openai.files.UploadProgressListener;
import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.spi.Page;
import dev.reve.openai.spi.Transport;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Together AI's own fine-tuning API ({@code files/upload}, {@code fine-tunes}, its events,
 * checkpoints, cancel and {@code estimate-price}), mapped to this SDK's shapes by {@link
 * TogetherWire}.
 */
final class TogetherFineTuningApi implements FineTuningApi {
  private static final Type MAP = Types.newParameterizedType(Map.class, String.class, Object.class);

  private final FineTuningProvider provider;
  private final Transport client;
  private final FileService files;
  private final TogetherOptions options;

  TogetherFineTuningApi(FineTuningProvider provider, Transport client, FileService files, TogetherOptions options) {
    this.provider = provider;
    this.client = client;
    this.files = files;
    this.options = options;
  }

  @Override
  public FineTuningProvider provider() {
    return provider;
  }

  @Override
  public UploadedFile upload(
      Path file, String name, String expectedSha256, UploadProgressListener progress, RequestOptions requestOptions) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("purpose", FileService.FINE_TUNE);
    fields.put("file_name", name);
    fields.put("file_type", "jsonl");
    return files.uploadFormExpecting(expectedSha256, "files/upload", fields, file, name, progress, requestOptions);
  }

  @Override
  public Optional<UploadedFile> findUploaded(String name, long bytes) {
    // Together's list takes no query and sends every file in one answer.
    return files.list(FileListQuery.ALL).data().stream()
        .filter(f -> f.filename().equals(name) && f.bytes() == bytes && !f.failed())
        .filter(f -> f.purpose().isEmpty() || f.purpose().equals(FileService.FINE_TUNE))
        .findFirst();
  }

  @Override
  public FineTuningJob create(CreateJobRequest request, RequestOptions requestOptions, Cancellation cancel) {
    ApiRequest call = ApiRequest.post("fine-tunes")
        .jsonBody(TogetherWire.createBody(request, options))
        .options(requestOptions)
        .build();
    try {
      return TogetherWire.job(client.<Map<String, Object>>send(call, MAP, cancel).body());
    } catch (ApiException e) {
      throw Refusals.translate(e, Refusals.Context.CREATE_JOB, request.trainingFile());
    }
  }

  @Override
  public FineTuningJob retrieve(String jobId, Cancellation cancel) {
    return TogetherWire.job(send(ApiRequest.get("fine-tunes", jobId).build(), cancel));
  }

  @Override
  public Page<FineTuningJob> list(JobListQuery query) {
    List<FineTuningJob> jobs = TogetherWire.list(send(ApiRequest.get("fine-tunes").build(), Cancellation.none()))
        .stream()
        .map(TogetherWire::job)
        .sorted(Comparator.comparingLong(FineTuningJob::createdAt).reversed())
        .toList();
    return new Page<>(jobs, false, Optional.empty(), Optional.empty());
  }

  @Override
  public Page<JobEvent> events(String jobId, String after, Integer limit) {
    // One answer holds every event: there is no page after the first.
    if (after != null) {
      return new Page<>(List.of(), false, Optional.empty(), Optional.empty());
    }
    List<Map<String, Object>> raw = TogetherWire.list(send(ApiRequest.get("fine-tunes", jobId, "events").build(), Cancellation.none()));
    return new Page<>(TogetherWire.events(raw), false, Optional.empty(), Optional.empty());
  }

  @Override
  public Page<JobCheckpoint> checkpoints(String jobId, String after, Integer limit) {
    if (after != null) {
      return new Page<>(List.of(), false, Optional.empty(), Optional.empty());
    }
    List<Map<String, Object>> raw =
        TogetherWire.list(send(ApiRequest.get("fine-tunes", jobId, "checkpoints").build(), Cancellation.none()));
    return new Page<>(TogetherWire.checkpoints(jobId, raw), false, Optional.empty(), Optional.empty());
  }

  @Override
  public FineTuningJob cancel(String jobId) {
    return TogetherWire.job(send(ApiRequest.post("fine-tunes", jobId, "cancel").build(), Cancellation.none()));
  }

  @Override
  public FineTuningJob pause(String jobId) {
    throw new UnsupportedOperationException("Together AI cannot pause a fine-tuning job; cancel it instead");
  }

  @Override
  public FineTuningJob resume(String jobId) {
    throw new UnsupportedOperationException(
        "Together AI cannot pause or resume a fine-tuning job; a new job may start from a checkpoint");
  }

  @Override
  public Optional<PriceEstimate> estimatePrice(CreateJobRequest request) {
    ApiRequest call = ApiRequest.post("fine-tunes/estimate-price")
        .jsonBody(TogetherWire.estimateBody(request, options))
        .build();
    return Optional.of(TogetherWire.estimate(send(call, Cancellation.none())));
  }

  private Map<String, Object> send(ApiRequest request, Cancellation cancel) {
    return Refusals.translated(() -> client.<Map<String, Object>>send(request, MAP, cancel).body());
  }
}
