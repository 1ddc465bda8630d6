package dev.reve.testkit;

import mockwebserver3.MockResponse;

/** Ends the handling of a request with an OpenAI error response. */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient MockResponse response;

  Refusal(int status, String message, String param, String code) {
    super(message, null, false, false);
    this.response = Replies.json(status, Replies.errorBody(message, "invalid_request_error", param, code));
  }

  Refusal(MockResponse response) {
    super(response.getStatus(), null, false, false);
    this.response = response;
  }

  static Refusal badRequest(String message, String param) {
    return new Refusal(400, message, param, null);
  }

  static Refusal missing(String param) {
    return new Refusal(400, "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
  }

  MockResponse response() {
    return response;
  }
}
