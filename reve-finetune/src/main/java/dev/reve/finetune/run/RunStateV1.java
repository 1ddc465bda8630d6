package dev.reve.finetune.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a version 1 state file, whose analyst entries are flat ({@code trainingPath},
 * {@code sha256}, {@code fileId}, {@code validationFileId}, {@code jobId}, ...), into the current
 * {@link RunState}. The next save writes it in the current format.
 */
final class RunStateV1 {
  private RunStateV1() {}

  static RunState read(Map<?, ?> json) {
    Map<String, AnalystRun> analysts = new LinkedHashMap<>();
    if (json.get("analysts") instanceof Map<?, ?> entries) {
      for (Object value : entries.values()) {
        if (value instanceof Map<?, ?> entry) {
          AnalystRun run = analyst(entry);
          analysts.put(run.analyst(), run);
        }
      }
    }
    return new RunState(RunState.VERSION, text(json, "baseModel"), analysts, text(json, "updatedAt"));
  }

  private static AnalystRun analyst(Map<?, ?> entry) {
    RunUpload training = new RunUpload(
        text(entry, "trainingPath").orElse(""), text(entry, "sha256").orElse(""), number(entry, "bytes"),
        text(entry, "uploadName"), text(entry, "fileId"));
    Optional<RunUpload> validation = text(entry, "validationFileId").map(id -> new RunUpload(
        text(entry, "validationPath").orElse(""), text(entry, "validationSha256").orElse(""),
        number(entry, "validationBytes"), Optional.empty(), Optional.of(id)));
    Optional<RunJob> job = text(entry, "jobId").map(id ->
        new RunJob(id, text(entry, "status"), text(entry, "fineTunedModel")));
    return new AnalystRun(text(entry, "analyst").orElse(""), training, validation, job,
        text(entry, "check"), text(entry, "error"));
  }

  private static Optional<String> text(Map<?, ?> json, String key) {
    return json.get(key) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  private static long number(Map<?, ?> json, String key) {
    return json.get(key) instanceof Number n ? n.longValue() : 0L;
  }
}
