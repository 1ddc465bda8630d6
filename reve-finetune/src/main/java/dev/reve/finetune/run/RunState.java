package dev.reve.finetune.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The state file's content ({@code reve-finetune.json}): the base model and, per analyst, the
 * uploaded file ids and job ids.
 *
 * @param version the file format version, {@value #VERSION}
 * @param baseModel the base model the jobs train
 * @param analysts what was done per analyst, in the order they were first run
 * @param updatedAt when the file was last written (ISO-8601)
 */
public record RunState(
    Integer version, Optional<String> baseModel, Map<String, AnalystRun> analysts, Optional<String> updatedAt) {

  /**
   * The format version this SDK writes: 3 records the provider (kind, base URL, key variable) of
   * every job; version 2 files (grouped entries, every job on OpenAI) read as they are, and version
   * 1 files (one flat entry per analyst) are converted.
   */
  public static final int VERSION = 3;

  /** Normalises absent values. */
  public RunState {
    version = version == null ? VERSION : version;
    baseModel = baseModel == null ? Optional.empty() : baseModel;
    analysts = analysts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(analysts));
    updatedAt = updatedAt == null ? Optional.empty() : updatedAt;
  }

  /** A state with nothing done yet. */
  public static RunState empty() {
    return new RunState(VERSION, Optional.empty(), Map.of(), Optional.empty());
  }

  /** One analyst's entry. */
  public Optional<AnalystRun> analyst(String id) {
    return Optional.ofNullable(analysts.get(id));
  }

  /** Whether the run has analysts and every one's job succeeded. */
  public boolean allSucceeded() {
    return !analysts.isEmpty() && analysts.values().stream().allMatch(AnalystRun::succeeded);
  }

  /** Whether some analyst's job failed or was cancelled. */
  public boolean anyFailedOrCancelled() {
    return analysts.values().stream().anyMatch(AnalystRun::failedOrCancelled);
  }

  /** Whether some analyst has a job, finished or not. */
  public boolean anyJob() {
    return analysts.values().stream().anyMatch(a -> a.job().isPresent());
  }

  RunState with(AnalystRun run) {
    Map<String, AnalystRun> copy = new LinkedHashMap<>(analysts);
    copy.put(run.analyst(), run);
    return new RunState(version, baseModel, copy, updatedAt);
  }

  RunState withBaseModel(String model) {
    return new RunState(version, Optional.ofNullable(model), analysts, updatedAt);
  }

  RunState stamped(String time) {
    return new RunState(VERSION, baseModel, analysts, Optional.of(time));
  }
}
