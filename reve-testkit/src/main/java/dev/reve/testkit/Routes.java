package dev.reve.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import okio.Buffer;

/**
 * The HTTP side of the emulator: turns a request into an action on the emulator's state and the
 * answer OpenAI would give. Faults are applied around it by {@link EmulatorDispatcher}.
 */
final class Routes {
  private static final Set<String> PURPOSES =
      Set.of("assistants", "batch", "fine-tune", "vision", "user_data", "evals");
  private static final int MAX_SUFFIX = 64;
  private static final int MAX_METADATA = 16;

  private final OpenAiEmulator emulator;

  Routes(OpenAiEmulator emulator) {
    this.emulator = emulator;
  }

  /** The answer to {@code request}; never throws. */
  MockResponse handle(EmulatedRequest request) {
    MockResponse response;
    try {
      response = route(request);
    } catch (Refusal refusal) {
      response = refusal.response();
    } catch (RuntimeException e) {
      response = Replies.json(500, Replies.errorBody("The emulator failed on " + request.method() + " "
          + request.path() + ": " + e, "server_error", null, null));
    }
    if (response.getHeaders().get("x-request-id") == null) {
      response = Replies.withRequestId(response, emulator.nextRequestId());
    }
    return response;
  }

  private MockResponse route(EmulatedRequest r) {
    if (!r.url().encodedPath().startsWith("/v1/") && !r.url().encodedPath().equals("/v1")) {
      throw invalidUrl(r);
    }
    if (emulator.requireApiKey && !hasBearer(r)) {
      throw new Refusal(401, "You didn't provide an API key. You need to provide your API key in an"
          + " Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, null);
    }
    List<String> seg = List.of(r.path().split("/"));
    String method = r.method();
    switch (seg.get(0)) {
      case "chat" -> {
        if (seg.size() == 2 && seg.get(1).equals("completions") && method.equals("POST")) {
          return chat(r);
        }
      }
      case "models" -> {
        if (seg.size() == 1 && method.equals("GET")) {
          return ok(listModels());
        }
        if (seg.size() > 1) {
          String id = String.join("/", seg.subList(1, seg.size()));
          if (method.equals("GET")) {
            return ok(modelJson(emulator.model(id).orElseThrow(() -> new Refusal(Replies.modelNotFound(id)))));
          }
          if (method.equals("DELETE")) {
            return ok(deleteModel(id));
          }
        }
      }
      case "files" -> {
        if (seg.size() == 1 && method.equals("POST")) {
          return ok(fileJson(upload(r)));
        }
        if (seg.size() == 1 && method.equals("GET")) {
          return ok(listFiles(r));
        }
        if (seg.size() == 2 && method.equals("GET")) {
          return ok(fileJson(file(seg.get(1))));
        }
        if (seg.size() == 2 && method.equals("DELETE")) {
          return ok(deleteFile(seg.get(1)));
        }
        if (seg.size() == 3 && seg.get(2).equals("content") && method.equals("GET")) {
          StoredFile file = file(seg.get(1));
          return new MockResponse.Builder()
              .code(200)
              .setHeader("Content-Type", "application/octet-stream")
              .body(new Buffer().write(file.contentBytes()))
              .build();
        }
      }
      case "fine_tuning" -> {
        if (seg.size() >= 2 && seg.get(1).equals("jobs")) {
          MockResponse answer = jobs(r, seg.subList(2, seg.size()));
          if (answer != null) {
            return answer;
          }
        }
      }
      default -> {
        // falls through to the 404 below
      }
    }
    throw invalidUrl(r);
  }

  private static boolean hasBearer(EmulatedRequest r) {
    String auth = r.headers().get("Authorization");
    return auth != null && auth.startsWith("Bearer ") && !auth.substring(7).isBlank();
  }

  private static Refusal invalidUrl(EmulatedRequest r) {
    return new Refusal(404, "Invalid URL (" + r.method() + " " + r.url().encodedPath() + ")", null, null);
  }

  private static MockResponse ok(Object body) {
    return Replies.json(200, body);
  }

  // ------------------------------------------------------------------ chat

  private MockResponse chat(EmulatedRequest r) {
    if (r.json().isEmpty()) {
      throw Refusal.badRequest("We could not parse the JSON body of your request. The emulator expects"
          + " a JSON object.", null);
    }
    String model = r.model().orElseThrow(() -> Refusal.missing("model"));
    if (!(r.json().get("messages") instanceof List<?> list) || list.isEmpty()) {
      throw Refusal.missing("messages");
    }
    ChatCall call = ChatCall.of(r);
    ChatReply reply = emulator.chatReply(call);
    MockResponse raw = reply.rawResponse().orElse(null);
    if (raw != null) {
      return reply.requestIdValue().map(id -> Replies.withRequestId(raw, id)).orElse(raw);
    }
    int prompt = reply.promptTokens().orElseGet(() -> estimatePrompt(call));
    String said = reply.content().or(reply::refusalText).orElse("");
    int completion = reply.completionTokens().orElseGet(() -> said.isEmpty() ? 0 : Math.max(1, (said.length() + 3) / 4));
    String id = "chatcmpl-emu" + emulator.nextNumber("chat");
    long created = emulator.stamp();
    MockResponse.Builder response = new MockResponse.Builder().code(200);
    reply.requestIdValue().ifPresent(v -> response.setHeader("x-request-id", v));
    Map<String, Object> usage = usage(prompt, completion);
    if (call.stream()) {
      boolean includeUsage =
          Boolean.TRUE.equals(JsonSupport.object(r.json(), "stream_options").get("include_usage"));
      return response.setHeader("Content-Type", "text/event-stream")
          .body(stream(reply, id, created, model, includeUsage ? usage : null))
          .build();
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", reply.content().orElse(null));
    message.put("refusal", reply.refusalText().orElse(null));
    message.put("annotations", List.of());
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("logprobs", null);
    choice.put("finish_reason", reply.finishReasonValue().orElse("stop"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("object", "chat.completion");
    body.put("created", created);
    body.put("model", model);
    body.put("choices", List.of(choice));
    body.put("usage", usage);
    body.put("service_tier", "default");
    body.put("system_fingerprint", "fp_emulator");
    return response.setHeader("Content-Type", "application/json").body(JsonSupport.write(body)).build();
  }

  private static int estimatePrompt(ChatCall call) {
    int tokens = 3;
    for (ChatCall.Message m : call.messages()) {
      tokens += 4 + (m.content().length() + 3) / 4;
    }
    return tokens;
  }

  private static Map<String, Object> usage(int prompt, int completion) {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    return usage;
  }

  private static String stream(ChatReply reply, String id, long created, String model, Map<String, Object> usage) {
    StringBuilder sse = new StringBuilder();
    boolean refusal = reply.content().isEmpty() && reply.refusalText().isPresent();
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("role", "assistant");
    first.put("content", refusal ? null : "");
    first.put("refusal", null);
    sse.append(event(chunk(id, created, model, first, null, usage != null)));
    List<String> pieces = refusal ? ChatReply.text(reply.refusalText().get()).streamPieces() : reply.streamPieces();
    for (String piece : pieces) {
      sse.append(event(chunk(id, created, model, Map.of(refusal ? "refusal" : "content", piece), null, usage != null)));
    }
    sse.append(event(chunk(id, created, model, Map.of(), reply.finishReasonValue().orElse("stop"), usage != null)));
    if (usage != null) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("id", id);
      last.put("object", "chat.completion.chunk");
      last.put("created", created);
      last.put("model", model);
      last.put("system_fingerprint", "fp_emulator");
      last.put("choices", List.of());
      last.put("usage", usage);
      sse.append(event(JsonSupport.write(last)));
    }
    sse.append("data: [DONE]\n\n");
    return sse.toString();
  }

  private static String chunk(String id, long created, String model, Map<String, Object> delta, String finish,
      boolean usageField) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("logprobs", null);
    choice.put("finish_reason", finish);
    Map<String, Object> chunk = new LinkedHashMap<>();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", model);
    chunk.put("system_fingerprint", "fp_emulator");
    chunk.put("choices", List.of(choice));
    if (usageField) {
      chunk.put("usage", null);
    }
    return JsonSupport.write(chunk);
  }

  private static String event(String data) {
    return "data: " + data + "\n\n";
  }

  // ------------------------------------------------------------------ models

  private Map<String, Object> listModels() {
    List<Map<String, Object>> data = new ArrayList<>();
    for (StoredModel m : emulator.models()) {
      data.add(modelJson(m));
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("object", "list");
    list.put("data", data);
    return list;
  }

  static Map<String, Object> modelJson(StoredModel m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", m.id());
    json.put("object", "model");
    json.put("created", m.created());
    json.put("owned_by", m.ownedBy());
    m.shutdownDate().ifPresent(d -> json.put("shutdown_date", d.toString()));
    return json;
  }

  private Map<String, Object> deleteModel(String id) {
    StoredModel model = emulator.model(id).orElseThrow(() -> new Refusal(Replies.modelNotFound(id)));
    if (!model.ownedBy().equals(emulator.organization)) {
      throw new Refusal(403, "You do not have permission to delete model " + id
          + "; only fine-tuned models your organization owns can be deleted.", "model", "model_not_deletable");
    }
    emulator.removeModel(id);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("object", "model");
    json.put("deleted", true);
    return json;
  }

  // ------------------------------------------------------------------ files

  private StoredFile upload(EmulatedRequest r) {
    if (r.fileBytes() == null) {
      throw Refusal.missing("file");
    }
    String purpose = r.purpose().orElseThrow(() -> Refusal.missing("purpose"));
    if (!PURPOSES.contains(purpose)) {
      throw Refusal.badRequest("'" + purpose + "' is not one of " + new java.util.TreeSet<>(PURPOSES)
          + " - 'purpose'", "purpose");
    }
    String filename = r.filename().orElse("file");
    if (r.fileBytes().size() == 0) {
      throw Refusal.badRequest("File is empty.", "file");
    }
    if (purpose.equals("fine-tune") && !filename.endsWith(".jsonl")) {
      throw Refusal.badRequest("Invalid file format for Fine-Tuning API. Must be .jsonl", "file");
    }
    return emulator.storeFile(filename, purpose, r.fileBytes());
  }

  private StoredFile file(String id) {
    return emulator.file(id).orElseThrow(() -> new Refusal(404, "No such File object: " + id, "id", null));
  }

  private Map<String, Object> listFiles(EmulatedRequest r) {
    String order = r.query("order").orElse("desc");
    if (!order.equals("asc") && !order.equals("desc")) {
      throw Refusal.badRequest("Invalid order '" + order + "': use 'asc' or 'desc'.", "order");
    }
    List<Map<String, Object>> all = new ArrayList<>();
    for (StoredFile f : emulator.files()) {
      if (r.query("purpose").map(p -> p.equals(f.purpose())).orElse(true)) {
        all.add(fileJson(f));
      }
    }
    if (order.equals("desc")) {
      Collections.reverse(all);
    }
    return page(all, r, 10_000, 10_000);
  }

  private Map<String, Object> deleteFile(String id) {
    file(id);
    emulator.deleteFile(id);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("object", "file");
    json.put("deleted", true);
    return json;
  }

  static Map<String, Object> fileJson(StoredFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("object", "file");
    m.put("bytes", f.bytes());
    m.put("created_at", f.createdAt());
    m.put("expires_at", null);
    m.put("filename", f.filename());
    m.put("purpose", f.purpose());
    m.put("status", "processed");
    m.put("status_details", null);
    return m;
  }

  // ------------------------------------------------------------------ fine-tuning jobs

  private MockResponse jobs(EmulatedRequest r, List<String> rest) {
    String method = r.method();
    if (rest.isEmpty()) {
      if (method.equals("POST")) {
        return ok(emulator.jobJson(createJob(r)));
      }
      if (method.equals("GET")) {
        return ok(listJobs(r));
      }
      return null;
    }
    String id = rest.get(0);
    if (rest.size() == 1 && method.equals("GET")) {
      return ok(emulator.retrieveJob(requireJob(id)));
    }
    if (rest.size() == 2 && method.equals("GET") && rest.get(1).equals("events")) {
      List<Map<String, Object>> events = new ArrayList<>();
      for (StoredEvent e : emulator.events(requireJob(id))) {
        events.add(JobRecord.eventJson(e));
      }
      Collections.reverse(events);
      return ok(page(events, r, 20, 100));
    }
    if (rest.size() == 2 && method.equals("GET") && rest.get(1).equals("checkpoints")) {
      List<Map<String, Object>> checkpoints = new ArrayList<>(emulator.checkpoints(requireJob(id)));
      Collections.reverse(checkpoints);
      return ok(page(checkpoints, r, 10, 100));
    }
    if (rest.size() == 2 && method.equals("POST")) {
      return switch (rest.get(1)) {
        case "cancel" -> ok(emulator.cancelByApi(requireJob(id)));
        case "pause" -> ok(emulator.pauseByApi(requireJob(id)));
        case "resume" -> ok(emulator.resumeByApi(requireJob(id)));
        default -> null;
      };
    }
    return null;
  }

  private String requireJob(String id) {
    if (emulator.findJob(id).isEmpty()) {
      throw new Refusal(404, "Could not find fine-tuning job " + id + ".", "fine_tuning_job_id", "fine_tune_not_found");
    }
    return id;
  }

  private String createJob(EmulatedRequest r) {
    Map<String, Object> body = r.json();
    if (body.isEmpty()) {
      throw Refusal.badRequest("We could not parse the JSON body of your request.", null);
    }
    String model = JsonSupport.string(body, "model").orElseThrow(() -> Refusal.missing("model"));
    String training = JsonSupport.string(body, "training_file").orElseThrow(() -> Refusal.missing("training_file"));
    if (emulator.model(model).isEmpty()) {
      throw new Refusal(400, "Model " + model + " is not available for fine-tuning or does not exist.", "model",
          "model_not_available");
    }
    checkFile(training, "training_file");
    String validation = JsonSupport.string(body, "validation_file").orElse(null);
    if (validation != null) {
      checkFile(validation, "validation_file");
    }
    String suffix = JsonSupport.string(body, "suffix").orElse(null);
    if (suffix != null && (suffix.isEmpty() || suffix.length() > MAX_SUFFIX)) {
      throw Refusal.badRequest("suffix must be 1 to " + MAX_SUFFIX + " characters, got " + suffix.length(), "suffix");
    }
    Map<String, String> metadata = JsonSupport.strings(body, "metadata");
    if (metadata.size() > MAX_METADATA) {
      throw Refusal.badRequest("metadata holds at most " + MAX_METADATA + " pairs, got " + metadata.size(), "metadata");
    }
    Map<String, Object> method = JsonSupport.object(body, "method");
    if (method.isEmpty()) {
      Map<String, Object> hyper = new LinkedHashMap<>(JsonSupport.object(body, "hyperparameters"));
      hyper.putIfAbsent("batch_size", "auto");
      hyper.putIfAbsent("learning_rate_multiplier", "auto");
      hyper.putIfAbsent("n_epochs", "auto");
      method = Map.of("type", "supervised", "supervised", Map.of("hyperparameters", hyper));
    }
    long seed = body.get("seed") instanceof Long s ? s : 42L;
    return emulator.storeJob(model, training, validation, suffix, metadata, method, seed, r.body());
  }

  private void checkFile(String id, String param) {
    StoredFile file = emulator.file(id)
        .orElseThrow(() -> new Refusal(400, "invalid " + param + ": " + id, param, "invalid_file"));
    if (!file.purpose().equals("fine-tune")) {
      throw new Refusal(400, "File " + id + " has purpose '" + file.purpose()
          + "'; fine-tuning needs a file uploaded with purpose 'fine-tune'.", param, "invalid_file_purpose");
    }
  }

  private Map<String, Object> listJobs(EmulatedRequest r) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String name : r.url().queryParameterNames()) {
      if (name.startsWith("metadata[") && name.endsWith("]")) {
        wanted.put(name.substring("metadata[".length(), name.length() - 1), r.url().queryParameter(name));
      }
    }
    List<Map<String, Object>> all = new ArrayList<>();
    for (StoredJob job : emulator.jobs()) {
      boolean matches = wanted.entrySet().stream()
          .allMatch(e -> e.getValue() != null && e.getValue().equals(job.metadata().get(e.getKey())));
      if (matches) {
        all.add(emulator.jobJson(job.id()));
      }
    }
    Collections.reverse(all);
    return page(all, r, 20, 100);
  }

  // ------------------------------------------------------------------ paging

  /** A cursor page: {@code after} is the id of the last item seen, items are in serving order. */
  private Map<String, Object> page(List<Map<String, Object>> all, EmulatedRequest r, int defaultLimit, int maxLimit) {
    int limit = defaultLimit;
    if (r.query("limit").isPresent()) {
      String text = r.query("limit").get();
      try {
        limit = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw Refusal.badRequest("Invalid limit '" + text + "': expected an integer.", "limit");
      }
      if (limit < 1 || limit > maxLimit) {
        throw Refusal.badRequest("Invalid limit " + limit + ": must be 1 to " + maxLimit + ".", "limit");
      }
    }
    int start = 0;
    String after = r.query("after").orElse(null);
    if (after != null) {
      // An unknown cursor gives an empty page rather than the first one again, so that a client
      // walking pages cannot loop.
      start = all.size();
      for (int i = 0; i < all.size(); i++) {
        if (after.equals(all.get(i).get("id"))) {
          start = i + 1;
          break;
        }
      }
    }
    int from = Math.min(start, all.size());
    int to = Math.min(all.size(), from + limit);
    List<Map<String, Object>> slice = List.copyOf(all.subList(from, to));
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("object", "list");
    page.put("data", slice);
    page.put("first_id", slice.isEmpty() ? null : slice.get(0).get("id"));
    page.put("last_id", slice.isEmpty() ? null : slice.get(slice.size() - 1).get("id"));
    page.put("has_more", emulator.alwaysHasMore || to < all.size());
    return page;
  }

  static String metricsMessage(long step, long total, double loss) {
    return String.format(Locale.ROOT, "Step %d/%d: training loss=%.2f", step, total, loss);
  }
}
