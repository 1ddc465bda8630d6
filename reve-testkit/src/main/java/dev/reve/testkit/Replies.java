package dev.reve.testkit;

import java.util.Map;
import mockwebserver3.MockResponse;

/** Ready-made responses in OpenAI's shapes, for faults and scripted answers. */
public final class Replies {
  private Replies() {}

  /** A JSON response: {@code body} is a map, list, string, number or boolean, written out. */
  public static MockResponse json(int status, Object body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json")
        .body(JsonSupport.write(body))
        .build();
  }

  /** OpenAI's error envelope, {@code {"error":{"message","type","param","code"}}}. */
  public static Map<String, Object> errorBody(String message, String type, String param, String code) {
    return WireShapes.error(message, type, param, code);
  }

  /** An error response in OpenAI's envelope. */
  public static MockResponse error(int status, String message, String type, String code) {
    return json(status, errorBody(message, type, null, code));
  }

  /** An {@code invalid_request_error} with no code. */
  public static MockResponse error(int status, String message) {
    return error(status, message, status >= 500 ? "server_error" : "invalid_request_error", null);
  }

  /** The same response with an {@code x-request-id} header. */
  public static MockResponse withRequestId(MockResponse response, String requestId) {
    return response.newBuilder().setHeader("x-request-id", requestId).build();
  }

  /** OpenAI's 404 for a model that does not exist or was deleted. */
  public static MockResponse modelNotFound(String model) {
    return json(404, errorBody("The model `" + model + "` does not exist or you do not have access to it.",
        "invalid_request_error", null, "model_not_found"));
  }

  /** A 429 {@code rate_limit_exceeded} with {@code Retry-After} in seconds. */
  public static MockResponse rateLimited(int retryAfterSeconds) {
    return error(429, "Rate limit reached for requests per min (RPM). Please try again in "
            + retryAfterSeconds + "s.", "requests", "rate_limit_exceeded")
        .newBuilder()
        .setHeader("Retry-After", String.valueOf(retryAfterSeconds))
        .build();
  }

  /** A 429 {@code insufficient_quota}, which is not retried. */
  public static MockResponse insufficientQuota() {
    return error(429, "You exceeded your current quota, please check your plan and billing details.",
        "insufficient_quota", "insufficient_quota");
  }

  /** A 500 with OpenAI's server error body. */
  public static MockResponse serverError() {
    return error(500, "The server had an error while processing your request. Sorry about that!",
        "server_error", null);
  }

  /** A 503 with no body, as a load balancer sends it. */
  public static MockResponse unavailable() {
    return new MockResponse.Builder().code(503).build();
  }
}
