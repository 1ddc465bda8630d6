package dev.reve.openai.call;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-request overrides of the client's timeouts and retry count; empty values keep the
 * client's settings.
 *
 * @param callTimeout the whole call, including retries' attempts each (not the waits)
 * @param readTimeout the longest silence while reading a response
 * @param writeTimeout the longest stall while sending the request
 * @param maxRetries retries after the first attempt
 */
public record RequestOptions(
    Optional<Duration> callTimeout,
    Optional<Duration> readTimeout,
    Optional<Duration> writeTimeout,
    Optional<Integer> maxRetries) {

  /** No overrides. */
  public static final RequestOptions NONE =
      new RequestOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Normalises nulls to empty optionals. */
  public RequestOptions {
    callTimeout = callTimeout == null ? Optional.empty() : callTimeout;
    readTimeout = readTimeout == null ? Optional.empty() : readTimeout;
    writeTimeout = writeTimeout == null ? Optional.empty() : writeTimeout;
    maxRetries = maxRetries == null ? Optional.empty() : maxRetries;
  }

  /** A builder with no overrides. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options with only a whole-call timeout. */
  public static RequestOptions callTimeout(Duration timeout) {
    return builder().callTimeout(timeout).build();
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private Duration callTimeout;
    private Duration readTimeout;
    private Duration writeTimeout;
    private Integer maxRetries;

    private Builder() {}

    /** Sets the whole-call timeout. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout;
      return this;
    }

    /** Sets the read timeout. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /** Sets the write timeout. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = timeout;
      return this;
    }

    /** Sets the retry count. */
    public Builder maxRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0, was " + retries);
      }
      this.maxRetries = retries;
      return this;
    }

    /** Builds the options. */
    public RequestOptions build() {
      return new RequestOptions(
          Optional.ofNullable(callTimeout),
          Optional.ofNullable(readTimeout),
          Optional.ofNullable(writeTimeout),
          Optional.ofNullable(maxRetries));
    }
  }
}
