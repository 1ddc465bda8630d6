package dev.reve.cli;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelChoice;
import dev.reve.analysis.ModelResolver;
import dev.reve.openai.OpenAiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Opens the analysts the way the command line configures them, and describes model choices. */
final class Analysts {
  private Analysts() {}

  /**
   * Jung and Freud on {@code client}, with models resolved from the command's environment and
   * the models file in its working directory (or {@code REVE_MODELS_FILE}).
   */
  static DreamAnalysts open(OpenAiClient client, CliEnvironment env) {
    return DreamAnalysts.builder(client).resolver(resolver(env)).clock(env.clock()).build();
  }

  /** The standard resolver over the command's environment and working directory. */
  static ModelResolver resolver(CliEnvironment env) {
    ModelResolver.Builder builder = ModelResolver.builder().environment(env.env());
    Optional<String> named = env.variable(ModelResolver.MODELS_FILE_ENV);
    if (named.isPresent()) {
      builder.modelsFile(env.resolve(Path.of(named.get())));
    } else {
      Path standard = env.workingDirectory().resolve(ModelResolver.DEFAULT_MODELS_FILE);
      if (Files.isRegularFile(standard)) {
        builder.modelsFile(standard);
      } else {
        builder.withoutModelsFile();
      }
    }
    return builder.build();
  }

  /** The "Model:" and "Why:" lines for a model about to answer. */
  static List<String> modelLines(ModelChoice choice) {
    if (choice.fineTuned()) {
      return List.of(
          "Model: " + choice.model() + " (fine-tuned)", "Why:   set by " + choice.setting());
    }
    return List.of(
        "Model: " + choice.model() + " (base model)",
        "Why:   no fine-tuned model is configured for "
            + choice.analystId()
            + "; base model from "
            + choice.setting());
  }

  /** The "Model:" and "Why:" lines for a model that answered, fallback included. */
  static List<String> modelLines(Analysis analysis, ModelChoice choice) {
    if (!analysis.fellBack()) {
      return modelLines(choice);
    }
    return List.of(
        "Model: " + analysis.model() + " (base model, after a fallback)",
        "Why:   " + fallbackNote(choice));
  }

  /** Why the base model answered instead of the configured one. */
  static String fallbackNote(ModelChoice choice) {
    return choice.model()
        + " (set by "
        + choice.setting()
        + ") answered 404: it is gone or retired, so the base model from "
        + choice.baseModelSetting()
        + " answered with the same prompt. Fine-tune and promote a new model, or remove the"
        + " setting.";
  }
}
