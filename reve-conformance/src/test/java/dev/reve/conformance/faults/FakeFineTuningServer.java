package dev.reve.conformance.faults;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.reve.conformance.support.Bodies;
import dev.reve.openai.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.MultipartReader;
import okio.Buffer;

/**
 * The files and fine-tuning endpoints a {@code FineTuneRun} uses, with state, and faults injected
 * into chosen requests. A fault that "loses the answer" lets the server do the work first (store
 * the file, create the job) and then breaks the answer, as a dropped connection or a gateway
 * timeout does after the backend has acted.
 */
final class FakeFineTuningServer extends Dispatcher {
  private static final JsonAdapter<Map<String, Object>> MAP =
      Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** A stored file. */
  record StoredFile(String id, String filename, long bytes) {}

  /** A created job. */
  record StoredJob(String id, String trainingFile, Map<String, String> metadata) {}

  private final Map<String, StoredFile> files = new LinkedHashMap<>();
  private final Map<String, StoredJob> jobs = new LinkedHashMap<>();
  private final Clock clock;
  private Predicate<RecordedRequest> faultyRequests = r -> false;
  private int skip;
  private int remaining;
  private Fault fault;
  private int served;

  FakeFineTuningServer(Clock clock) {
    this.clock = clock;
  }

  /** After {@code skip} requests matching {@code which}, the next {@code times} meet {@code fault}. */
  synchronized void inject(Predicate<RecordedRequest> which, int skip, Fault fault, int times) {
    this.faultyRequests = which;
    this.skip = skip;
    this.fault = fault;
    this.remaining = times;
  }

  /** Stops injecting. */
  synchronized void heal() {
    remaining = 0;
  }

  /** How many faulty answers were served. */
  synchronized int faultsServed() {
    return served;
  }

  synchronized List<StoredFile> files() {
    return new ArrayList<>(files.values());
  }

  synchronized List<StoredJob> jobs() {
    return new ArrayList<>(jobs.values());
  }

  /** Whether a fault leaves the work done on the server: the answer is lost, not the request. */
  static boolean losesAnswer(Fault fault) {
    return switch (fault) {
      case RESET_BEFORE_RESPONSE, RESET_MID_BODY, HTTP_502_HTML, HTTP_504, READ_TIMEOUT, MALFORMED_JSON -> true;
      default -> false;
    };
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    boolean faulty = false;
    if (remaining > 0 && faultyRequests.test(request)) {
      if (skip > 0) {
        skip--;
      } else {
        remaining--;
        faulty = true;
        served++;
      }
    }
    if (faulty && !losesAnswer(fault)) {
      return fault.response(CallType.JOB_RETRIEVE, "x", clock);
    }
    MockResponse answer = handle(request);
    if (!faulty) {
      return answer;
    }
    return switch (fault) {
      // The work is done; the answer that says so is broken.
      case RESET_MID_BODY ->
          new MockResponse.Builder()
              .addHeader("Content-Type", "application/json")
              .body(answer.getBody() == null ? "{}" : bodyOf(answer))
              .throttleBody(16, 0, java.util.concurrent.TimeUnit.MILLISECONDS)
              .onResponseBody(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE)
              .build();
      default -> fault.response(CallType.JOB_RETRIEVE, "x", clock);
    };
  }

  private static String bodyOf(MockResponse response) {
    Buffer buffer = new Buffer();
    try {
      response.getBody().writeTo(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  private MockResponse handle(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    if (method.equals("POST") && path.equals("/v1/files")) {
      StoredFile file = upload(request);
      files.put(file.id(), file);
      return json(Bodies.file(file.id(), file.filename(), file.bytes()));
    }
    if (method.equals("GET") && path.equals("/v1/files")) {
      StringBuilder data = new StringBuilder();
      for (StoredFile f : files.values()) {
        data.append(data.length() == 0 ? "" : ",").append(Bodies.file(f.id(), f.filename(), f.bytes()));
      }
      return json("{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":false}");
    }
    if (method.equals("POST") && path.equals("/v1/fine_tuning/jobs")) {
      Map<String, Object> body = parse(request.getBody().utf8());
      @SuppressWarnings("unchecked")
      Map<String, String> metadata = (Map<String, String>) body.getOrDefault("metadata", Map.of());
      StoredJob job = new StoredJob("ftjob-" + (jobs.size() + 1), (String) body.get("training_file"), metadata);
      jobs.put(job.id(), job);
      return json(jobJson(job));
    }
    if (method.equals("GET") && path.equals("/v1/fine_tuning/jobs")) {
      StringBuilder data = new StringBuilder();
      for (StoredJob job : jobs.values()) {
        boolean matches =
            job.metadata().entrySet().stream()
                .allMatch(
                    e -> {
                      String wanted = request.getUrl().queryParameter("metadata[" + e.getKey() + "]");
                      return wanted == null || wanted.equals(e.getValue());
                    });
        if (matches) {
          data.append(data.length() == 0 ? "" : ",").append(jobJson(job));
        }
      }
      return json("{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":false}");
    }
    if (method.equals("GET") && path.startsWith("/v1/fine_tuning/jobs/")) {
      StoredJob job = jobs.get(path.substring("/v1/fine_tuning/jobs/".length()));
      return job == null
          ? new MockResponse.Builder().code(404).body(Bodies.error("no such job", "invalid_request_error", null)).build()
          : json(jobJson(job));
    }
    return new MockResponse.Builder().code(404).body(Bodies.error("not here: " + path, "invalid_request_error", null)).build();
  }

  private StoredFile upload(RecordedRequest request) {
    String contentType = request.getHeaders().get("Content-Type");
    String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
    try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
      for (MultipartReader.Part next = reader.nextPart(); next != null; next = reader.nextPart()) {
        try (MultipartReader.Part part = next) {
          String disposition = part.headers().get("Content-Disposition");
          if (disposition != null && disposition.contains("filename=\"")) {
            int start = disposition.indexOf("filename=\"") + "filename=\"".length();
            String name = disposition.substring(start, disposition.indexOf('"', start));
            long bytes = part.body().readByteString().size();
            return new StoredFile("file-" + (files.size() + 1), name, bytes);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("upload without a file part");
  }

  private static String jobJson(StoredJob job) {
    StringBuilder metadata = new StringBuilder();
    job.metadata().forEach(
        (k, v) -> metadata.append(metadata.length() == 0 ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
    return "{\"object\":\"fine_tuning.job\",\"id\":\"" + job.id() + "\",\"model\":\"gpt-4o-mini-2024-07-18\","
        + "\"created_at\":1764072000,\"status\":\"validating_files\",\"training_file\":\"" + job.trainingFile()
        + "\",\"fine_tuned_model\":null,\"metadata\":{" + metadata + "}}";
  }

  private static Map<String, Object> parse(String json) {
    try {
      return MAP.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
  }
}
