package dev.reve.openai.files;

import com.squareup.moshi.Json;
import java.util.Optional;

/**
 * A file stored with the API (OpenAI's {@code file} object).
 *
 * @param id the file id, such as {@code file-abc123}
 * @param bytes the size in bytes (0 when absent)
 * @param createdAt creation time, Unix seconds (0 when absent)
 * @param expiresAt expiry time, Unix seconds, when the file expires
 * @param filename the name it was uploaded under
 * @param purpose the purpose, such as {@code fine-tune}
 * @param status the deprecated processing status ({@code uploaded}, {@code processed}, {@code
 *     error}), when sent
 * @param statusDetails the deprecated reason a file failed processing, when sent
 */
public record UploadedFile(
    String id,
    Long bytes,
    @Json(name = "created_at") Long createdAt,
    @Json(name = "expires_at") Optional<Long> expiresAt,
    String filename,
    String purpose,
    Optional<String> status,
    @Json(name = "status_details") Optional<String> statusDetails) {

  /** Normalises absent values. */
  public UploadedFile {
    id = id == null ? "" : id;
    bytes = bytes == null ? 0L : bytes;
    createdAt = createdAt == null ? 0L : createdAt;
    filename = filename == null ? "" : filename;
    purpose = purpose == null ? "" : purpose;
  }

  /** Whether the server reported that it could not process the file. */
  public boolean failed() {
    return status.filter("error"::equals).isPresent();
  }
}
