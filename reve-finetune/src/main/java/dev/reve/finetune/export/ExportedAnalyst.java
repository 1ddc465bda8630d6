package dev.reve.finetune.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What was written for one analyst.
 *
 * @param analyst the analyst id
 * @param trainingFile the exported training data
 * @param validationFile the exported validation data, when the analyst had some
 * @param configFile the trainer's configuration
 * @param trainCommand the command that trains
 * @param serveCommand the vLLM command that serves the result on {@code /v1/chat/completions}
 * @param examples training examples written
 * @param notes what OpenAI-only fields were mapped or dropped, one line each
 */
public record ExportedAnalyst(
    String analyst,
    Path trainingFile,
    Optional<Path> validationFile,
    Path configFile,
    String trainCommand,
    String serveCommand,
    long examples,
    List<String> notes) {

  /** Copies the notes. */
  public ExportedAnalyst {
    notes = List.copyOf(notes);
  }
}
