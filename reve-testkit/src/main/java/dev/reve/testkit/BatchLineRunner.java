package dev.reve.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okio.Buffer;
import okio.ByteString;

/**
 * Checks a batch input file and answers its lines: each line is handed to the emulator's chat
 * completions route as if it had been sent alone, and the answer written as an output line
 * {@code {"id", "custom_id", "response": {"status_code", "request_id", "body"}, "error"}}.
 */
final class BatchLineRunner {
  static final int MAX_LINES = 50_000;

  private final EmulatorState state;
  private final ChatRoute chat;
  // A line is answered as if sent alone to this server's chat route; only the path is read.
  private static final HttpUrl CHAT = HttpUrl.get("http://127.0.0.1/v1/chat/completions");

  /** An answered line and whether its status was 2xx. */
  record Answer(boolean ok, String json) {}

  BatchLineRunner(EmulatorState state, ChatRoute chat) {
    this.state = state;
    this.chat = chat;
  }

  /** Reads {@code text} into {@code lines}; returns the problems found, OpenAI's way (code, message, line). */
  static List<Map<String, Object>> validate(String text, String endpoint, List<Map<String, Object>> lines) {
    List<Map<String, Object>> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String[] raw = text.split("\n", -1);
    int number = 0;
    for (String line : raw) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> json = JsonSupport.readObject(line);
      if (json.isEmpty()) {
        problems.add(problem("invalid_json_line", "This line is not parseable as valid JSON.", number));
        continue;
      }
      Object customId = json.get("custom_id");
      if (!(customId instanceof String id) || id.isBlank()) {
        problems.add(problem("missing_required_parameter", "Missing required parameter: 'custom_id'.", number));
        continue;
      }
      if (!ids.add(id)) {
        problems.add(problem("duplicate_custom_id", "The custom_id for this request is a duplicate of another"
            + " request. The custom_id parameter must be unique for each request in a batch.", number));
        continue;
      }
      if (!"POST".equals(json.get("method"))) {
        problems.add(problem("invalid_method", "Only the POST method is supported.", number));
        continue;
      }
      if (!endpoint.equals(json.get("url"))) {
        problems.add(problem("mismatched_endpoint", "The provided url '" + json.get("url")
            + "' does not match the batch endpoint '" + endpoint + "'.", number));
        continue;
      }
      if (!(json.get("body") instanceof Map<?, ?>)) {
        problems.add(problem("missing_required_parameter", "Missing required parameter: 'body'.", number));
        continue;
      }
      lines.add(json);
    }
    if (lines.size() > MAX_LINES) {
      problems.add(problem("too_many_requests", "The batch input file has " + lines.size()
          + " requests; a batch holds at most " + MAX_LINES + ".", null));
    }
    if (lines.isEmpty() && problems.isEmpty()) {
      problems.add(problem("empty_file", "The batch input file is empty.", null));
    }
    return problems;
  }

  private static Map<String, Object> problem(String code, String message, Integer line) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("code", code);
    p.put("message", message);
    p.put("param", null);
    p.put("line", line);
    return p;
  }

  /** The answer to one line, from the chat completions route. */
  Answer run(Map<String, Object> line) {
    String customId = String.valueOf(line.get("custom_id"));
    String body = JsonSupport.write(line.get("body"));
    HttpUrl url = CHAT;
    RecordedRequest recorded = new RecordedRequest(0, 0, null, List.of(), "POST", url.encodedPath(), "HTTP/1.1",
        url, Headers.of("Content-Type", "application/json", "Authorization", "Bearer batch"),
        ByteString.encodeUtf8(body), body.length(), List.of(), null);
    MockResponse response;
    try {
      response = chat.answer(EmulatedRequest.of(recorded), List.of()).orElseThrow();
    } catch (Refusal refusal) {
      response = refusal.response();
    }
    String requestId = Optional.ofNullable(response.getHeaders().get("x-request-id")).orElse(state.nextRequestId());
    Object parsed = JsonSupport.read(text(response)).orElse(Map.of());
    return new Answer(response.getCode() / 100 == 2, outputLine(customId, response.getCode(), requestId, parsed));
  }

  /** A line answered with an HTTP error. */
  Answer error(String customId, int status, String message) {
    Map<String, Object> body = WireShapes.error(message, status >= 500 ? "server_error" : "invalid_request_error",
        null, null);
    return new Answer(false, outputLine(customId, status, state.nextRequestId(), body));
  }

  private String outputLine(String customId, int status, String requestId, Object body) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status_code", status);
    response.put("request_id", requestId);
    response.put("body", body);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", state.nextId("batch_req_emu", "batch_req"));
    out.put("custom_id", customId);
    out.put("response", response);
    out.put("error", null);
    return JsonSupport.write(out);
  }

  /** A line that did not run, with {@code error} set and no response. */
  static String errorLine(String id, String customId, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("custom_id", customId);
    out.put("response", null);
    out.put("error", error);
    return JsonSupport.write(out);
  }

  private static String text(MockResponse response) {
    if (response.getBody() == null) {
      return "";
    }
    Buffer buffer = new Buffer();
    try {
      response.getBody().writeTo(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }
}
