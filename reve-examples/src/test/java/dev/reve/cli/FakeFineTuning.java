package dev.reve.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MultipartReader;
import okio.Buffer;

/**
 * OpenAI's files and fine-tuning jobs, just enough for the command tests: uploads are stored,
 * jobs are created in {@code validating_files} and move on only when a test says so, either at
 * once ({@link #update}) or on the Nth retrieval ({@link #onRetrieve}).
 */
final class FakeFineTuning {
  record Upload(String id, String filename, String purpose, String content) {}

  private final List<Upload> uploads = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Map<String, Object>> jobs = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, List<Map<String, Object>>> events = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, List<Consumer<Map<String, Object>>>> scripts = Collections.synchronizedMap(new LinkedHashMap<>());
  private final AtomicInteger ids = new AtomicInteger();

  static FakeFineTuning on(FakeOpenAi api) {
    FakeFineTuning fake = new FakeFineTuning();
    api.route("POST /v1/files", fake::upload);
    api.route("GET /v1/files", r -> Responses.ok(Responses.json(page(fake.uploads.stream().map(FakeFineTuning::fileJson).toList())), "req-files"));
    api.route("POST /v1/fine_tuning/jobs", fake::jobs);
    api.route("GET /v1/fine_tuning/jobs", fake::jobs);
    return fake;
  }

  List<Upload> uploads() {
    return List.copyOf(uploads);
  }

  List<Map<String, Object>> jobs() {
    synchronized (jobs) {
      return List.copyOf(jobs.values());
    }
  }

  /** The id of the job created for {@code analyst}. */
  String jobOf(String analyst) {
    return jobs().stream().filter(j -> analyst.equals(((Map<?, ?>) j.get("metadata")).get("reve_analyst")))
        .map(j -> (String) j.get("id")).reduce((a, b) -> b).orElseThrow();
  }

  /** Adds a job directly, as if made elsewhere. */
  String addJob(String analyst, String status, String model) {
    Map<String, Object> job = newJob("gpt-4o-mini-2024-07-18", "file-x", Map.of("reve_analyst", analyst));
    update((String) job.get("id"), status, model, null);
    return (String) job.get("id");
  }

  void update(String jobId, String status, String model, String error) {
    Map<String, Object> job = jobs.get(jobId);
    job.put("status", status);
    job.put("fine_tuned_model", model);
    job.put("error", error == null ? null : Map.of("code", "invalid_training_file", "message", error, "param", "training_file"));
  }

  /** Changes applied one per retrieval of the job, in order. */
  @SafeVarargs
  final void onRetrieve(String jobId, Consumer<Map<String, Object>>... steps) {
    scripts.put(jobId, Collections.synchronizedList(new ArrayList<>(List.of(steps))));
  }

  void addEvent(String jobId, String message, Map<String, Object> data) {
    Map<String, Object> event = new LinkedHashMap<>();
    int n = ids.incrementAndGet();
    event.put("object", "fine_tuning.job.event");
    event.put("id", "ftevent-" + n);
    event.put("created_at", 1_764_000_000L + n);
    event.put("level", "info");
    event.put("message", message);
    event.put("type", data == null ? "message" : "metrics");
    event.put("data", data == null ? Map.of() : data);
    events.computeIfAbsent(jobId, k -> Collections.synchronizedList(new ArrayList<>())).add(event);
  }

  private MockResponse upload(RecordedRequest request) {
    String type = request.getHeaders().get("Content-Type");
    String boundary = type.substring(type.indexOf("boundary=") + 9);
    String purpose = null;
    String filename = null;
    String content = null;
    try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
      MultipartReader.Part part;
      while ((part = reader.nextPart()) != null) {
        String disposition = part.headers().get("Content-Disposition");
        if (disposition.contains("name=\"purpose\"")) {
          purpose = part.body().readUtf8();
        } else if (disposition.contains("name=\"file\"")) {
          int start = disposition.indexOf("filename=\"") + 10;
          filename = disposition.substring(start, disposition.indexOf('"', start));
          content = part.body().readUtf8();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Upload upload = new Upload("file-" + ids.incrementAndGet(), filename, purpose, content);
    uploads.add(upload);
    return Responses.ok(Responses.json(fileJson(upload)), "req-upload");
  }

  private MockResponse jobs(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    List<String> seg = url.pathSegments().subList(3, url.pathSegments().size());
    if (seg.isEmpty() && request.getMethod().equals("POST")) {
      Map<String, Object> body = FakeOpenAi.body(request);
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
      Map<String, Object> job = newJob((String) body.get("model"), (String) body.get("training_file"), metadata);
      job.put("validation_file", body.get("validation_file"));
      job.put("method", body.get("method"));
      job.put("suffix", body.get("suffix"));
      return Responses.ok(Responses.json(job), "req-create");
    }
    if (seg.isEmpty()) {
      List<Map<String, Object>> all = new ArrayList<>(jobs());
      Collections.reverse(all);
      all.removeIf(j -> !matches(j, url));
      String limit = url.queryParameter("limit");
      if (limit != null && all.size() > Integer.parseInt(limit)) {
        all = all.subList(0, Integer.parseInt(limit));
      }
      return Responses.ok(Responses.json(page(all)), "req-jobs");
    }
    Map<String, Object> job = jobs.get(seg.get(0));
    if (job == null) {
      return Responses.error(404, "Could not find fine-tune: " + seg.get(0), null, "req-nojob");
    }
    if (seg.size() == 1) {
      List<Consumer<Map<String, Object>>> script = scripts.get(seg.get(0));
      if (script != null && !script.isEmpty()) {
        script.remove(0).accept(job);
      }
      return Responses.ok(Responses.json(job), "req-job");
    }
    if (seg.get(1).equals("events")) {
      List<Map<String, Object>> list = new ArrayList<>(events.getOrDefault(seg.get(0), List.of()));
      Collections.reverse(list);
      return Responses.ok(Responses.json(page(list)), "req-events");
    }
    if (seg.get(1).equals("cancel") && request.getMethod().equals("POST")) {
      job.put("status", "cancelled");
      return Responses.ok(Responses.json(job), "req-cancel");
    }
    return Responses.error(404, "unknown path", null, "req-x");
  }

  private Map<String, Object> newJob(String model, String trainingFile, Map<String, ?> metadata) {
    Map<String, Object> job = new LinkedHashMap<>();
    int n = ids.incrementAndGet();
    job.put("object", "fine_tuning.job");
    job.put("id", "ftjob-" + n);
    job.put("created_at", 1_764_000_000L + n);
    job.put("model", model);
    job.put("training_file", trainingFile);
    job.put("validation_file", null);
    job.put("status", "validating_files");
    job.put("fine_tuned_model", null);
    job.put("error", null);
    job.put("metadata", metadata == null ? Map.of() : new LinkedHashMap<>(metadata));
    job.put("result_files", List.of());
    jobs.put((String) job.get("id"), job);
    return job;
  }

  private static boolean matches(Map<String, Object> job, HttpUrl url) {
    for (String name : url.queryParameterNames()) {
      if (name.startsWith("metadata[")) {
        String key = name.substring(9, name.length() - 1);
        if (!url.queryParameter(name).equals(((Map<?, ?>) job.get("metadata")).get(key))) {
          return false;
        }
      }
    }
    return true;
  }

  private static Map<String, Object> fileJson(Upload upload) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", upload.id());
    map.put("object", "file");
    map.put("bytes", upload.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    map.put("created_at", 1_764_000_000L);
    map.put("filename", upload.filename());
    map.put("purpose", upload.purpose());
    map.put("status", "processed");
    return map;
  }

  private static Map<String, Object> page(List<Map<String, Object>> data) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("object", "list");
    page.put("data", data);
    page.put("has_more", false);
    return page;
  }
}
