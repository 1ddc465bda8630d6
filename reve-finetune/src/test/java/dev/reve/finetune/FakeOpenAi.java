package dev.reve.finetune;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.reve.openai.internal.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;

/**
 * A small stateful stand-in for OpenAI's files, fine-tuning and models endpoints, with a request
 * log and one-shot fault injection. Paths are served under {@code /v1/}.
 */
public final class FakeOpenAi extends Dispatcher {
  /** Parses JSON objects. */
  public static final JsonAdapter<Map<String, Object>> MAP =
      Json.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** One request as answered. */
  public record Logged(String method, String path, int status, String analyst) {}

  /** A stored upload. */
  public record StoredFile(String id, String filename, String purpose, ByteString content, long createdAt) {}

  private record Fault(Predicate<RecordedRequest> matches, MockResponse response, boolean processFirst) {}

  private final List<Logged> log = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, StoredFile> files = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Map<String, Object>> jobs = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, List<Map<String, Object>>> events = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final List<Map<String, Object>> models = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean alwaysHasMore;

  /** Answers {@code has_more: true} on every list, as Prism does. */
  public void alwaysHasMore(boolean value) {
    this.alwaysHasMore = value;
  }

  /** The next request matching {@code method} and a path starting with {@code prefix} fails. */
  public synchronized void failNext(String method, String prefix, MockResponse response) {
    faults.add(new Fault(matcher(method, prefix), response, false));
  }

  /** The next matching request is carried out, but its answer is replaced by {@code response}. */
  public synchronized void loseNextAnswer(String method, String prefix, MockResponse response) {
    faults.add(new Fault(matcher(method, prefix), response, true));
  }

  /** Like {@link #failNext} for the request that concerns {@code analyst} (by body). */
  public synchronized void failNextFor(String analyst, String method, String prefix, MockResponse response) {
    faults.add(new Fault(matcher(method, prefix).and(r -> analyst.equals(analystOf(r))), response, false));
  }

  /** Like {@link #loseNextAnswer} for the request that concerns {@code analyst}. */
  public synchronized void loseNextAnswerFor(String analyst, String method, String prefix, MockResponse response) {
    faults.add(new Fault(matcher(method, prefix).and(r -> analyst.equals(analystOf(r))), response, true));
  }

  private static Predicate<RecordedRequest> matcher(String method, String prefix) {
    return r -> r.getMethod().equals(method) && r.getUrl().encodedPath().startsWith("/v1/" + prefix);
  }

  /** Every request so far. */
  public List<Logged> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** Successful requests with this method and path prefix. */
  public List<Logged> succeeded(String method, String prefix) {
    return log().stream()
        .filter(l -> l.method().equals(method) && l.path().startsWith("/v1/" + prefix) && l.status() < 300)
        .toList();
  }

  /** The stored files. */
  public List<StoredFile> files() {
    synchronized (files) {
      return List.copyOf(files.values());
    }
  }

  /** The stored jobs. */
  public List<Map<String, Object>> jobs() {
    synchronized (jobs) {
      return List.copyOf(jobs.values());
    }
  }

  /** Changes a job as the service would. */
  public void setJob(String id, String status, String model, Map<String, Object> error) {
    Map<String, Object> job = jobs.get(id);
    job.put("status", status);
    job.put("fine_tuned_model", model);
    job.put("error", error);
    if (model != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", model);
      m.put("object", "model");
      m.put("created", 1_700_000_000);
      m.put("owned_by", "org-test");
      models.add(m);
    }
  }

  /** Adds an event to a job's log. */
  public void addEvent(String jobId, String type, String message, Map<String, Object> data) {
    Map<String, Object> event = new LinkedHashMap<>();
    int n = ids.incrementAndGet();
    event.put("object", "fine_tuning.job.event");
    event.put("id", "ftevent-" + n);
    event.put("created_at", 1_700_000_000 + n);
    event.put("level", "info");
    event.put("message", message);
    event.put("type", type);
    event.put("data", data == null ? Map.of() : data);
    events.computeIfAbsent(jobId, k -> Collections.synchronizedList(new ArrayList<>())).add(event);
  }

  /** Adds a model to {@code GET models}. */
  public void addModel(String id, String ownedBy) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("object", "model");
    m.put("created", 1_700_000_000);
    m.put("owned_by", ownedBy);
    models.add(m);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Fault fault = takeFault(request);
    MockResponse response;
    if (fault != null && !fault.processFirst()) {
      response = fault.response();
    } else {
      try {
        response = handle(request);
      } catch (IOException | RuntimeException e) {
        response = json(500, error("fake server failed: " + e));
      }
      if (fault != null) {
        response = fault.response();
      }
    }
    log.add(new Logged(request.getMethod(), request.getUrl().encodedPath(), response.getCode(), analystOf(request)));
    return response;
  }

  private synchronized Fault takeFault(RecordedRequest request) {
    for (Fault f : faults) {
      if (f.matches().test(request)) {
        faults.remove(f);
        return f;
      }
    }
    return null;
  }

  private static String analystOf(RecordedRequest request) {
    ByteString body = request.getBody();
    if (body == null || body.size() == 0) {
      return null;
    }
    String text = body.utf8();
    for (String a : List.of("jung", "freud")) {
      if (text.contains("\"" + a + "\"") || text.contains("filename=\"" + a)) {
        return a;
      }
    }
    return null;
  }

  private MockResponse handle(RecordedRequest request) throws IOException {
    HttpUrl url = request.getUrl();
    List<String> seg = url.pathSegments();
    String method = request.getMethod();
    if (seg.isEmpty() || !seg.get(0).equals("v1")) {
      return json(404, error("unknown path"));
    }
    seg = seg.subList(1, seg.size());
    if (seg.get(0).equals("files")) {
      if (seg.size() == 1 && method.equals("POST")) {
        return upload(request);
      }
      if (seg.size() == 1 && method.equals("GET")) {
        List<Map<String, Object>> all = new ArrayList<>();
        synchronized (files) {
          for (StoredFile f : files.values()) {
            String purpose = url.queryParameter("purpose");
            if (purpose == null || purpose.equals(f.purpose())) {
              all.add(fileJson(f));
            }
          }
        }
        if (!"asc".equals(url.queryParameter("order"))) {
          Collections.reverse(all);
        }
        return json(200, page(all, url, 10_000));
      }
      StoredFile file = files.get(seg.get(1));
      if (file == null) {
        return json(404, error("No such File object: " + seg.get(1)));
      }
      if (seg.size() == 3 && seg.get(2).equals("content")) {
        return new MockResponse.Builder().code(200).body(new Buffer().write(file.content())).build();
      }
      if (method.equals("DELETE")) {
        files.remove(file.id());
        return json(200, Map.of("id", file.id(), "object", "file", "deleted", true));
      }
      return json(200, fileJson(file));
    }
    if (seg.get(0).equals("fine_tuning") && seg.get(1).equals("jobs")) {
      if (seg.size() == 2 && method.equals("POST")) {
        return createJob(request);
      }
      if (seg.size() == 2) {
        List<Map<String, Object>> all = new ArrayList<>();
        synchronized (jobs) {
          for (Map<String, Object> job : jobs.values()) {
            if (matchesMetadata(job, url)) {
              all.add(job);
            }
          }
        }
        Collections.reverse(all);
        return json(200, page(all, url, 20));
      }
      Map<String, Object> job = jobs.get(seg.get(2));
      if (job == null) {
        return json(404, error("Could not find fine-tune: " + seg.get(2)));
      }
      if (seg.size() == 3) {
        return json(200, job);
      }
      switch (seg.get(3)) {
        case "events" -> {
          List<Map<String, Object>> list = new ArrayList<>(events.getOrDefault(job.get("id"), List.of()));
          Collections.reverse(list);
          return json(200, page(list, url, 20));
        }
        case "checkpoints" -> {
          return json(200, page(List.of(), url, 10));
        }
        case "cancel" -> job.put("status", "cancelled");
        case "pause" -> job.put("status", "paused");
        case "resume" -> job.put("status", "running");
        default -> {
          return json(404, error("unknown path"));
        }
      }
      return json(200, job);
    }
    if (seg.get(0).equals("models")) {
      if (seg.size() == 1) {
        synchronized (models) {
          return json(200, Map.of("object", "list", "data", List.copyOf(models)));
        }
      }
      String id = seg.get(1);
      boolean removed = models.removeIf(m -> m.get("id").equals(id));
      if (!removed) {
        return json(404, error("The model '" + id + "' does not exist"));
      }
      return json(200, Map.of("id", id, "object", "model", "deleted", true));
    }
    return json(404, error("unknown path"));
  }

  private MockResponse upload(RecordedRequest request) throws IOException {
    String type = request.getHeaders().get("Content-Type");
    String boundary = type.substring(type.indexOf("boundary=") + 9);
    String purpose = null;
    String filename = null;
    ByteString content = null;
    try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
      MultipartReader.Part part;
      while ((part = reader.nextPart()) != null) {
        String disposition = part.headers().get("Content-Disposition");
        if (disposition.contains("name=\"purpose\"")) {
          purpose = part.body().readUtf8();
        } else if (disposition.contains("name=\"file\"")) {
          int start = disposition.indexOf("filename=\"") + 10;
          filename = disposition.substring(start, disposition.indexOf('"', start));
          content = part.body().readByteString();
        }
      }
    }
    if (purpose == null || content == null) {
      return json(400, error("purpose and file are required"));
    }
    StoredFile file =
        new StoredFile("file-" + ids.incrementAndGet(), filename, purpose, content, 1_700_000_000L + ids.get());
    files.put(file.id(), file);
    return json(200, fileJson(file));
  }

  private MockResponse createJob(RecordedRequest request) {
    Map<String, Object> body = parse(request);
    String training = (String) body.get("training_file");
    if (!files.containsKey(training)) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("message", "invalid training_file: " + training);
      e.put("type", "invalid_request_error");
      e.put("param", "training_file");
      e.put("code", null);
      return json(400, Map.of("error", e));
    }
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("object", "fine_tuning.job");
    job.put("id", "ftjob-" + ids.incrementAndGet());
    job.put("created_at", 1_700_000_000L + ids.get());
    job.put("model", body.get("model"));
    job.put("training_file", training);
    job.put("validation_file", body.get("validation_file"));
    job.put("status", "validating_files");
    job.put("fine_tuned_model", null);
    job.put("error", null);
    job.put("metadata", body.getOrDefault("metadata", null));
    job.put("method", body.get("method"));
    job.put("result_files", List.of());
    job.put("seed", body.getOrDefault("seed", 42));
    jobs.put((String) job.get("id"), job);
    return json(200, job);
  }

  private static Map<String, Object> parse(RecordedRequest request) {
    try {
      return MAP.fromJson(request.getBody().utf8());
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static boolean matchesMetadata(Map<String, Object> job, HttpUrl url) {
    for (String name : url.queryParameterNames()) {
      if (name.startsWith("metadata[") && name.endsWith("]")) {
        String key = name.substring(9, name.length() - 1);
        Object meta = job.get("metadata");
        if (!(meta instanceof Map<?, ?> m) || !url.queryParameter(name).equals(m.get(key))) {
          return false;
        }
      }
    }
    return true;
  }

  private Map<String, Object> page(List<Map<String, Object>> all, HttpUrl url, int defaultLimit) {
    String limitText = url.queryParameter("limit");
    int limit = limitText == null ? defaultLimit : Integer.parseInt(limitText);
    String after = url.queryParameter("after");
    int start = 0;
    if (after != null) {
      for (int i = 0; i < all.size(); i++) {
        if (after.equals(all.get(i).get("id"))) {
          start = i + 1;
        }
      }
    }
    List<Map<String, Object>> slice = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit));
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("object", "list");
    page.put("data", List.copyOf(slice));
    page.put("has_more", alwaysHasMore || start + limit < all.size());
    if (!slice.isEmpty()) {
      page.put("first_id", slice.get(0).get("id"));
      page.put("last_id", slice.get(slice.size() - 1).get("id"));
    }
    return page;
  }

  private static Map<String, Object> fileJson(StoredFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("object", "file");
    m.put("bytes", f.content().size());
    m.put("created_at", f.createdAt());
    m.put("filename", f.filename());
    m.put("purpose", f.purpose());
    m.put("status", "processed");
    return m;
  }

  /** An OpenAI error body. */
  public static Map<String, Object> error(String message) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("message", message);
    e.put("type", "invalid_request_error");
    return Map.of("error", e);
  }

  /** A JSON answer. */
  public static MockResponse json(int code, Object body) {
    String text = Json.MOSHI.adapter(Object.class).serializeNulls().toJson(body);
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .setHeader("x-request-id", "req-test")
        .body(text)
        .build();
  }
}
