package dev.reve.cli;

import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.models.ModelCatalog;
import java.nio.file.Path;

/** Opens the analysts the way the command line configures them, with the models file of its working directory. */
final class Analysts {
  private Analysts() {}

  /**
   * Jung and Freud on {@code client}, with models resolved from the command's environment and
   * the models file in its working directory (or {@code REVE_MODELS_FILE}).
   */
  static DreamAnalysts open(OpenAiClient client, CliEnvironment env) {
    return DreamAnalysts.builder(client)
        .resolver(resolver(env))
        .modelCatalog(catalog(env))
        .clock(env.clock())
        .build();
  }

  /** The capabilities table, with {@code REVE_MODEL_CAPABILITIES} read against the working directory. */
  static ModelCatalog catalog(CliEnvironment env) {
    return ModelCatalog.fromSettings(
        System::getProperty,
        name -> {
          String value = env.env().get(name);
          return value == null || value.isBlank() ? null : env.resolve(Path.of(value.strip())).toString();
        });
  }

  /** The standard resolver over the command's environment and working directory. */
  static ModelResolver resolver(CliEnvironment env) {
    return Places.modelsFile(env)
        .applyTo(ModelResolver.builder().environment(env.env()))
        .build();
  }
}
