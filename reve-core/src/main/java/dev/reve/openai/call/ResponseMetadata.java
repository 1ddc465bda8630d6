package dev.reve.openai.call;

import java.time.Duration;
import java.util.Optional;

/**
 * What the HTTP exchange said about a response, beside its body.
 *
 * @param statusCode HTTP status of the final attempt
 * @param requestId the {@code x-request-id} header; quote it to OpenAI support
 * @param processingTime the {@code openai-processing-ms} header
 * @param rateLimit the {@code x-ratelimit-*} headers
 * @param attempts how many HTTP attempts were made, 1 when no retry was needed
 * @param latency wall time from the first attempt to the response headers of the last
 */
public record ResponseMetadata(
    int statusCode,
    Optional<String> requestId,
    Optional<Duration> processingTime,
    RateLimitInfo rateLimit,
    int attempts,
    Duration latency) {

  /** Metadata for a value that did not come from an HTTP response. */
  public static final ResponseMetadata NONE =
      new ResponseMetadata(0, Optional.empty(), Optional.empty(), RateLimitInfo.NONE, 0, Duration.ZERO);

  /** Normalises nulls. */
  public ResponseMetadata {
    requestId = requestId == null ? Optional.empty() : requestId;
    processingTime = processingTime == null ? Optional.empty() : processingTime;
    rateLimit = rateLimit == null ? RateLimitInfo.NONE : rateLimit;
    latency = latency == null ? Duration.ZERO : latency;
  }
}
