package dev.reve.cli;

import dev.reve.analysis.ModelsFileLocation;
import dev.reve.finetune.run.StateFile;
import java.nio.file.Path;

/** Where the command keeps its files, relative to its working directory. */
final class Places {
  private Places() {}

  /** The fine-tuning run's state file: {@code reve-finetune.json} in the working directory. */
  static Path stateFile(CliEnvironment env) {
    return env.workingDirectory().resolve(StateFile.DEFAULT_NAME);
  }

  /** The models file: {@code REVE_MODELS_FILE}, else {@code reve-models.properties} here. */
  static ModelsFileLocation modelsFile(CliEnvironment env) {
    return ModelsFileLocation.in(env.workingDirectory(), env.env());
  }

  /** A path as the user would type it: relative to the working directory when inside it. */
  static String show(CliEnvironment env, Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(env.workingDirectory())
        ? env.workingDirectory().relativize(absolute).toString()
        : absolute.toString();
  }
}
