package dev.reve.testkit;

import dev.reve.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okio.ByteString;

/**
 * Keeps an emulator's files, jobs, models, id counters and time in a folder, so that they survive
 * a restart: {@code state.json} (rewritten atomically, owner-only, whenever it changed) and one
 * file per upload under {@code files/}. Queued replies, responders, faults and the request log are
 * not kept. One emulator at a time holds a folder (a lock on {@code .lock}).
 */
final class EmulatorStore implements AutoCloseable {
  static final String STATE_FILE = "state.json";
  static final int VERSION = 1;

  private final Path directory;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private String lastWritten = "";

  private EmulatorStore(Path directory, FileChannel lockChannel, FileLock lock) {
    this.directory = directory;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Opens {@code directory} (creating it), taking its lock. */
  static EmulatorStore open(Path directory) {
    try {
      Files.createDirectories(directory.resolve("files"));
      FileChannel channel = FileChannel.open(directory.resolve(".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("The emulator state folder " + directory + " is in use by another"
            + " emulator; stop it first, or give this one another folder.");
      }
      return new EmulatorStore(directory, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the emulator state folder " + directory + ": " + e.getMessage(), e);
    }
  }

  Path directory() {
    return directory;
  }

  /** Reads what a previous emulator saved into these parts; nothing when the folder is new. */
  void load(EmulatorState state, EmulatedModels models, EmulatedFiles files, EmulatedJobs jobs) {
    Path file = directory.resolve(STATE_FILE);
    if (!Files.exists(file)) {
      return;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    Map<String, Object> root = JsonSupport.readObject(text);
    if (!(root.get("version") instanceof Long v) || v != VERSION) {
      throw new IllegalStateException(file + " is not an emulator state file of version " + VERSION
          + "; move it away or give the emulator another state folder.");
    }
    lastWritten = text;
    Map<String, Integer> counters = new LinkedHashMap<>();
    JsonSupport.object(root, "counters").forEach((k, n) -> counters.put(k, ((Number) n).intValue()));
    state.restore(counters, number(root, "last_stamp"));
    Instant saved = Instant.parse(JsonSupport.string(root, "time").orElse(state.time.instant().toString()));
    if (saved.isAfter(state.time.instant())) {
      state.time.advance(Duration.between(state.time.instant(), saved));
    }
    for (Map<String, Object> m : list(root, "models")) {
      models.add(new StoredModel(str(m, "id"), number(m, "created"), str(m, "owned_by"),
          JsonSupport.string(m, "shutdown_date").map(LocalDate::parse)));
    }
    for (String id : list(root, "deleted_models").stream().map(m -> str(m, "id")).toList()) {
      models.remove(id);
    }
    for (Map<String, Object> f : list(root, "files")) {
      String id = str(f, "id");
      try {
        byte[] content = Files.readAllBytes(directory.resolve("files").resolve(id));
        files.restore(new StoredFile(id, str(f, "filename"), str(f, "purpose"), ByteString.of(content),
            number(f, "created_at")));
      } catch (IOException e) {
        throw new UncheckedIOException("The content of " + id + " is missing from " + directory.resolve("files")
            + ": " + e.getMessage(), e);
      }
    }
    for (Map<String, Object> j : list(root, "jobs")) {
      jobs.restore(job(j));
    }
  }

  /** Writes the state when it changed since the last write. */
  void save(EmulatorState state, EmulatedModels models, EmulatedFiles files, EmulatedJobs jobs,
      List<String> initialModels) {
    String text;
    synchronized (state.lock) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("version", VERSION);
      root.put("time", state.time.instant().toString());
      root.put("last_stamp", state.lastStamp());
      root.put("counters", state.counters());
      List<Object> modelList = new ArrayList<>();
      for (StoredModel m : models.all()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id());
        json.put("created", m.created());
        json.put("owned_by", m.ownedBy());
        json.put("shutdown_date", m.shutdownDate().map(LocalDate::toString).orElse(null));
        modelList.add(json);
      }
      root.put("models", modelList);
      root.put("deleted_models", initialModels.stream().filter(id -> !models.contains(id))
          .map(id -> Map.of("id", id)).toList());
      List<Object> fileList = new ArrayList<>();
      for (StoredFile f : files.all()) {
        Path content = directory.resolve("files").resolve(f.id());
        if (!Files.exists(content)) {
          AtomicFiles.writeOwnerOnly(content, f.content());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", f.id());
        json.put("filename", f.filename());
        json.put("purpose", f.purpose());
        json.put("created_at", f.createdAt());
        fileList.add(json);
      }
      root.put("files", fileList);
      root.put("jobs", jobs.records().stream().map(EmulatorStore::json).toList());
      text = JsonSupport.write(root);
      if (text.equals(lastWritten)) {
        return;
      }
      AtomicFiles.writeOwnerOnly(directory.resolve(STATE_FILE), text.getBytes(StandardCharsets.UTF_8));
      lastWritten = text;
    }
    removeDeletedFiles(files);
  }

  private void removeDeletedFiles(EmulatedFiles files) {
    try (var stream = Files.list(directory.resolve("files"))) {
      for (Path p : stream.toList()) {
        if (files.find(p.getFileName().toString()).isEmpty()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot tidy " + directory.resolve("files") + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> json(JobRecord job) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", job.id);
    json.put("number", job.number);
    json.put("model", job.model);
    json.put("training_file", job.trainingFile);
    json.put("validation_file", job.validationFile);
    json.put("suffix", job.suffix);
    json.put("metadata", job.metadata);
    json.put("method", job.method);
    json.put("seed", job.seed);
    json.put("created_at", job.createdAt);
    json.put("request_body", job.requestBody);
    json.put("status", job.status);
    json.put("fine_tuned_model", job.fineTunedModel);
    json.put("error", job.error == null ? null : Map.of("code", job.error.code(), "message", job.error.message()));
    json.put("finished_at", job.finishedAt);
    json.put("trained_tokens", job.trainedTokens);
    json.put("metrics_done", job.metricsDone);
    json.put("next_step_at", job.nextStepAt);
    json.put("events", job.events.stream().map(WireShapes::event).toList());
    json.put("checkpoints", job.checkpoints.stream().map(WireShapes::checkpoint).toList());
    return json;
  }

  private static JobRecord job(Map<String, Object> j) {
    JobRecord job = new JobRecord(str(j, "id"), (int) number(j, "number"), str(j, "model"), str(j, "training_file"),
        JsonSupport.string(j, "validation_file").orElse(null), JsonSupport.string(j, "suffix").orElse(null),
        JsonSupport.strings(j, "metadata"), JsonSupport.object(j, "method"), number(j, "seed"),
        number(j, "created_at"), JsonSupport.string(j, "request_body").orElse(""));
    job.status = str(j, "status");
    job.fineTunedModel = JsonSupport.string(j, "fine_tuned_model").orElse(null);
    Map<String, Object> error = JsonSupport.object(j, "error");
    job.error = error.isEmpty() ? null
        : new StoredJob.Failure(str(error, "code"), str(error, "message"), Optional.empty());
    job.finishedAt = j.get("finished_at") instanceof Number n ? n.longValue() : null;
    job.trainedTokens = j.get("trained_tokens") instanceof Number n ? n.longValue() : null;
    job.metricsDone = (int) number(j, "metrics_done");
    job.nextStepAt = number(j, "next_step_at");
    for (Map<String, Object> e : list(j, "events")) {
      job.events.add(new StoredEvent(str(e, "id"), number(e, "created_at"), str(e, "level"), str(e, "message"),
          str(e, "type"), JsonSupport.object(e, "data")));
    }
    for (Map<String, Object> c : list(j, "checkpoints")) {
      Map<String, Object> metrics = JsonSupport.object(c, "metrics");
      job.checkpoints.add(new JobCheckpoint(str(c, "id"), number(c, "created_at"),
          str(c, "fine_tuned_model_checkpoint"), number(c, "step_number"),
          ((Number) metrics.getOrDefault("train_loss", 0.0)).doubleValue(),
          ((Number) metrics.getOrDefault("train_mean_token_accuracy", 0.0)).doubleValue(), job.id));
    }
    return job;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (map.get(key) instanceof List<?> items) {
      for (Object item : items) {
        if (item instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  private static String str(Map<String, Object> map, String key) {
    return JsonSupport.string(map, key).orElseThrow(
        () -> new IllegalStateException("The emulator state file lacks '" + key + "' in " + map.keySet()));
  }

  private static long number(Map<String, Object> map, String key) {
    return map.get(key) instanceof Number n ? n.longValue() : 0L;
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the lock on " + directory, e);
    }
  }
}
