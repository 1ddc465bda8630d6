package dev.reve.cli;

import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.openai.OpenAiClient;

/** Opens the analysts the way the command line configures them, with the models file of its working directory. */
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
    return Places.modelsFile(env)
        .applyTo(ModelResolver.builder().environment(env.env()))
        .build();
  }
}
