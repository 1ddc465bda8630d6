package dev.reve.finetune.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What promotion did: the models written into the models file, the analysts left out and why,
 * and the environment lines for deployments that configure models by variable.
 *
 * @param modelsFile the models file written (unchanged when nothing was promoted)
 * @param promoted analyst to fine-tuned model id, for the analysts promoted
 * @param notPromoted analyst to the reason, for the analysts left out
 * @param environmentLines {@code OPENAI_JUNG_MODEL=ft:...} per promoted analyst, with the base
 *     URL and key variable of a provider other than the main endpoint
 * @param nextSteps what the user must still do before a promoted model answers (Azure: deploy it)
 */
public record Promotion(
    Path modelsFile,
    Map<String, String> promoted,
    Map<String, String> notPromoted,
    List<String> environmentLines,
    List<String> nextSteps) {

  /** Copies the collections. */
  public Promotion {
    Objects.requireNonNull(modelsFile, "modelsFile");
    promoted = Collections.unmodifiableMap(new LinkedHashMap<>(promoted));
    notPromoted = Collections.unmodifiableMap(new LinkedHashMap<>(notPromoted));
    environmentLines = List.copyOf(environmentLines);
    nextSteps = nextSteps == null ? List.of() : List.copyOf(nextSteps);
  }

  /** A promotion with nothing left to do after it. */
  public Promotion(
      Path modelsFile, Map<String, String> promoted, Map<String, String> notPromoted, List<String> environmentLines) {
    this(modelsFile, promoted, notPromoted, environmentLines, List.of());
  }

  /** Whether every analyst asked for was promoted. */
  public boolean complete() {
    return notPromoted.isEmpty() && !promoted.isEmpty();
  }

  /** A human-readable report: promoted models, environment lines, and what was left out. */
  public String report() {
    StringBuilder text = new StringBuilder();
    if (promoted.isEmpty()) {
      text.append("No model promoted; ").append(modelsFile).append(" unchanged.\n");
    } else {
      text.append("Wrote ").append(promoted.size()).append(" model(s) to ").append(modelsFile).append(":\n");
      promoted.forEach((a, m) -> text.append("  ").append(ModelsFile.key(a)).append('=').append(m).append('\n'));
      text.append("For deployments configured by environment:\n");
      environmentLines.forEach(l -> text.append("  ").append(l).append('\n'));
    }
    notPromoted.forEach((a, why) -> text.append("Not promoted: ").append(a).append(": ").append(why).append('\n'));
    nextSteps.forEach(s -> text.append("Next: ").append(s).append('\n'));
    return text.toString();
  }

  /** The environment variable that names an analyst's model: {@code OPENAI_JUNG_MODEL}. */
  public static String environmentVariable(String analyst) {
    return "OPENAI_" + analyst.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_MODEL";
  }
}
