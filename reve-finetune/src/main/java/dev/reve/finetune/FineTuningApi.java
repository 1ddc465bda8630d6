package dev.reve.finetune;

import dev.reve.openai.call.Cancellation;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.files.UploadProgressListener;
import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.spi.Page;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One provider's fine-tuning calls, in this SDK's shapes: the one seam between the lifecycle
 * ({@link JobService}, {@code FineTuneRun}) and a provider's wire format. {@link
 * FineTuningService} picks the implementation from its {@link FineTuningProvider}.
 */
public interface FineTuningApi {
  /** The provider these calls go to. */
  FineTuningProvider provider();

  /**
   * Uploads a training or validation file under {@code name}, streamed from disk and hashed as it
   * is sent; when the bytes sent do not hash to {@code expectedSha256} (the file changed after it
   * was validated) the upload is deleted again and {@link dev.reve.openai.files.FileChangedException}
   * is thrown.
   */
  UploadedFile upload(
      Path file, String name, String expectedSha256, UploadProgressListener progress, RequestOptions options);

  /** A fine-tuning file uploaded earlier under this name with this size, if any. */
  Optional<UploadedFile> findUploaded(String name, long bytes);

  /** Creates a job. */
  FineTuningJob create(CreateJobRequest request, RequestOptions options, Cancellation cancel);

  /** One job as it is now. */
  FineTuningJob retrieve(String jobId, Cancellation cancel);

  /** One page of jobs, newest first; a provider without metadata filters ignores them. */
  Page<FineTuningJob> list(JobListQuery query);

  /** One page of a job's events, newest first. */
  Page<JobEvent> events(String jobId, String after, Integer limit);

  /** One page of a job's checkpoints, newest first. */
  Page<JobCheckpoint> checkpoints(String jobId, String after, Integer limit);

  /** Cancels a job that has not finished. */
  FineTuningJob cancel(String jobId);

  /**
   * Pauses a running job.
   *
   * @throws UnsupportedOperationException where the provider cannot pause
   */
  FineTuningJob pause(String jobId);

  /**
   * Resumes a paused job.
   *
   * @throws UnsupportedOperationException where the provider cannot pause
   */
  FineTuningJob resume(String jobId);

  /**
   * The provider's own price for {@code request}, for providers that quote one (Together's
   * {@code estimate-price}); empty where the SDK's price table is the only estimate.
   */
  Optional<PriceEstimate> estimatePrice(CreateJobRequest request);
}
