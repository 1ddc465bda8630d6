package dev.reve.openai.batches;

import com.squareup.moshi.Json;
import java.util.Map;
import java.util.Optional;

/**
 * A batch as the API reports it (OpenAI's {@code batch} object).
 *
 * @param id the batch id, such as {@code batch_abc123}
 * @param endpoint the endpoint every line goes to, such as {@code /v1/chat/completions}
 * @param model the model that ran the batch, when reported
 * @param errors why the input was refused, when it was
 * @param inputFileId the uploaded file of request lines
 * @param completionWindow the window, {@code 24h}
 * @param status the wire status; see {@link #state()}
 * @param outputFileId the file of answered lines, once there is one
 * @param errorFileId the file of failed lines, once there is one
 * @param createdAt creation time, Unix seconds
 * @param inProgressAt when it started running
 * @param expiresAt when the window ends
 * @param finalizingAt when it started finalizing
 * @param completedAt when it completed
 * @param failedAt when it failed
 * @param expiredAt when it expired
 * @param cancellingAt when cancellation was asked for
 * @param cancelledAt when it was cancelled
 * @param requestCounts total, completed and failed requests
 * @param usage tokens used, when reported
 * @param metadata the key-value pairs given at creation
 */
public record Batch(
    String id,
    String endpoint,
    Optional<String> model,
    Optional<BatchErrors> errors,
    @Json(name = "input_file_id") String inputFileId,
    @Json(name = "completion_window") String completionWindow,
    String status,
    @Json(name = "output_file_id") Optional<String> outputFileId,
    @Json(name = "error_file_id") Optional<String> errorFileId,
    @Json(name = "created_at") Long createdAt,
    @Json(name = "in_progress_at") Optional<Long> inProgressAt,
    @Json(name = "expires_at") Optional<Long> expiresAt,
    @Json(name = "finalizing_at") Optional<Long> finalizingAt,
    @Json(name = "completed_at") Optional<Long> completedAt,
    @Json(name = "failed_at") Optional<Long> failedAt,
    @Json(name = "expired_at") Optional<Long> expiredAt,
    @Json(name = "cancelling_at") Optional<Long> cancellingAt,
    @Json(name = "cancelled_at") Optional<Long> cancelledAt,
    @Json(name = "request_counts") Optional<BatchRequestCounts> requestCounts,
    Optional<BatchUsage> usage,
    Map<String, String> metadata) {

  /** Normalises absent values. */
  public Batch {
    id = id == null ? "" : id;
    endpoint = endpoint == null ? "" : endpoint;
    inputFileId = inputFileId == null ? "" : inputFileId;
    completionWindow = completionWindow == null ? "" : completionWindow;
    status = status == null ? "" : status;
    createdAt = dev.reve.openai.spi.Json.zero(createdAt);
    metadata = dev.reve.openai.spi.Json.map(metadata);
  }

  /** The status as an enum. */
  public BatchStatus state() {
    return BatchStatus.of(status);
  }

  /** The request counts, zero when not reported. */
  public BatchRequestCounts counts() {
    return requestCounts.orElse(BatchRequestCounts.NONE);
  }

  @Override
  public String toString() {
    BatchRequestCounts c = counts();
    return "Batch{" + id + ", " + status + ", " + c.completed() + "+" + c.failed() + "/" + c.total() + "}";
  }
}
