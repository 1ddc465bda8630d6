package dev.reve.openai.batches;

import com.squareup.moshi.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of {@code POST /batches}. Build one with {@link #builder(String)}.
 *
 * @param inputFileId an uploaded file with purpose {@code batch}
 * @param endpoint where every line goes, {@value BatchService#CHAT_COMPLETIONS} by default
 * @param completionWindow {@value #WINDOW_24H}, the only window OpenAI offers
 * @param metadata up to 16 pairs, keys up to 64 characters, values up to 512
 * @param outputExpiresAfter when the output and error files expire
 */
public record CreateBatchRequest(
    @Json(name = "input_file_id") String inputFileId,
    String endpoint,
    @Json(name = "completion_window") String completionWindow,
    Optional<Map<String, String>> metadata,
    @Json(name = "output_expires_after") Optional<ExpiresAfter> outputExpiresAfter) {

  /** The 24-hour completion window. */
  public static final String WINDOW_24H = "24h";

  /** Checks the limits OpenAI states. */
  public CreateBatchRequest {
    dev.reve.openai.spi.Json.requireText(inputFileId, "inputFileId");
    dev.reve.openai.spi.Json.requireText(endpoint, "endpoint");
    dev.reve.openai.spi.Json.requireText(completionWindow, "completionWindow");
    metadata = dev.reve.openai.spi.Json.opt(metadata).map(Map::copyOf);
    metadata.ifPresent(CreateBatchRequest::checkMetadata);
    outputExpiresAfter = dev.reve.openai.spi.Json.opt(outputExpiresAfter);
  }

  private static void checkMetadata(Map<String, String> m) {
    if (m.size() > 16) {
      throw new IllegalArgumentException("metadata holds at most 16 pairs, got " + m.size());
    }
    m.forEach((k, v) -> {
      if (k.length() > 64 || v.length() > 512) {
        throw new IllegalArgumentException(
            "metadata key '" + k + "' or its value is too long (keys up to 64, values up to 512 characters)");
      }
    });
  }

  /** A builder for a batch of the lines in {@code inputFileId}. */
  public static Builder builder(String inputFileId) {
    return new Builder(inputFileId);
  }

  /**
   * When the output files of a batch expire.
   *
   * @param anchor {@code created_at}, the file's creation time
   * @param seconds from 3600 (an hour) to 2592000 (30 days)
   */
  public record ExpiresAfter(String anchor, Long seconds) {
    /** Checks the bounds. */
    public ExpiresAfter {
      anchor = anchor == null ? "created_at" : anchor;
      Objects.requireNonNull(seconds, "seconds");
      if (seconds < 3600 || seconds > 2_592_000) {
        throw new IllegalArgumentException("output files expire after 3600 to 2592000 seconds, got " + seconds);
      }
    }

    /** Expiry this many seconds after each file is created. */
    public static ExpiresAfter seconds(long seconds) {
      return new ExpiresAfter("created_at", seconds);
    }
  }

  /** Builds a {@link CreateBatchRequest}. */
  public static final class Builder {
    private final String inputFileId;
    private String endpoint = BatchService.CHAT_COMPLETIONS;
    private String completionWindow = WINDOW_24H;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private ExpiresAfter expiresAfter;

    private Builder(String inputFileId) {
      this.inputFileId = inputFileId;
    }

    /** The endpoint, such as {@code /v1/chat/completions}. */
    public Builder endpoint(String value) {
      this.endpoint = value;
      return this;
    }

    /** The completion window; only {@code 24h} exists today. */
    public Builder completionWindow(String value) {
      this.completionWindow = value;
      return this;
    }

    /** Adds a metadata pair. */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds metadata pairs. */
    public Builder metadata(Map<String, String> pairs) {
      pairs.forEach(this::metadata);
      return this;
    }

    /** When the output files expire. */
    public Builder outputExpiresAfter(ExpiresAfter value) {
      this.expiresAfter = value;
      return this;
    }

    /** Builds the request. */
    public CreateBatchRequest build() {
      return new CreateBatchRequest(
          inputFileId, endpoint, completionWindow,
          metadata.isEmpty() ? Optional.empty() : Optional.of(metadata), Optional.ofNullable(expiresAfter));
    }
  }
}
