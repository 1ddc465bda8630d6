package dev.reve.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;

/**
 * OpenAI's fine-tuning jobs under {@code /fine_tuning/jobs}: create, list, retrieve, events,
 * checkpoints, cancel, pause and resume.
 */
final class FineTuningJobsRoute implements Route {
  private static final int MAX_SUFFIX = 64;
  private static final int MAX_METADATA = 16;

  private final EmulatedJobs jobs;
  private final EmulatedFiles files;
  private final EmulatedModels models;
  private final Pages pages;

  FineTuningJobsRoute(EmulatedJobs jobs, EmulatedFiles files, EmulatedModels models, Pages pages) {
    this.jobs = jobs;
    this.files = files;
    this.models = models;
    this.pages = pages;
  }

  @Override
  public String prefix() {
    return "fine_tuning/jobs";
  }

  @Override
  public Optional<MockResponse> answer(EmulatedRequest r, List<String> rest) {
    String method = r.method();
    if (rest.isEmpty()) {
      return switch (method) {
        case "POST" -> Route.ok(jobs.json(create(r)));
        case "GET" -> Route.ok(pages.page(jobs.jsonNewestFirst(metadataFilter(r)), r, 20, 100));
        default -> Optional.empty();
      };
    }
    String id = rest.get(0);
    if (rest.size() == 1) {
      return method.equals("GET") ? Route.ok(jobs.retrieve(id)) : Optional.empty();
    }
    if (rest.size() != 2) {
      return Optional.empty();
    }
    String action = method + " " + rest.get(1);
    return switch (action) {
      case "GET events" -> Route.ok(pages.page(jobs.eventsJsonNewestFirst(id), r, 20, 100));
      case "GET checkpoints" -> Route.ok(pages.page(jobs.checkpointsJsonNewestFirst(id), r, 10, 100));
      case "POST cancel" -> Route.ok(jobs.cancel(id));
      case "POST pause" -> Route.ok(jobs.pause(id));
      case "POST resume" -> Route.ok(jobs.resume(id));
      default -> Optional.empty();
    };
  }

  private static Map<String, String> metadataFilter(EmulatedRequest r) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String name : r.url().queryParameterNames()) {
      if (name.startsWith("metadata[") && name.endsWith("]")) {
        wanted.put(name.substring("metadata[".length(), name.length() - 1), r.url().queryParameter(name));
      }
    }
    return wanted;
  }

  private String create(EmulatedRequest r) {
    Map<String, Object> body = r.json();
    if (body.isEmpty()) {
      throw Refusal.badRequest("We could not parse the JSON body of your request.", null);
    }
    String model = JsonSupport.string(body, "model").orElseThrow(() -> Refusal.missing("model"));
    String training = JsonSupport.string(body, "training_file").orElseThrow(() -> Refusal.missing("training_file"));
    if (!models.contains(model)) {
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
    long seed = body.get("seed") instanceof Long s ? s : 42L;
    return jobs.create(model, training, validation, suffix, metadata, method(body), seed, r.body());
  }

  /** The {@code method} sent, or the supervised one built from legacy {@code hyperparameters}. */
  private static Map<String, Object> method(Map<String, Object> body) {
    Map<String, Object> method = JsonSupport.object(body, "method");
    if (!method.isEmpty()) {
      return method;
    }
    Map<String, Object> hyper = new LinkedHashMap<>(JsonSupport.object(body, "hyperparameters"));
    hyper.putIfAbsent("batch_size", "auto");
    hyper.putIfAbsent("learning_rate_multiplier", "auto");
    hyper.putIfAbsent("n_epochs", "auto");
    return Map.of("type", "supervised", "supervised", Map.of("hyperparameters", hyper));
  }

  private void checkFile(String id, String param) {
    StoredFile file = files.find(id)
        .orElseThrow(() -> new Refusal(400, "invalid " + param + ": " + id, param, "invalid_file"));
    if (!file.purpose().equals("fine-tune")) {
      throw new Refusal(400, "File " + id + " has purpose '" + file.purpose()
          + "'; fine-tuning needs a file uploaded with purpose 'fine-tune'.", param, "invalid_file_purpose");
    }
  }
}
