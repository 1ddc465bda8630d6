package dev.reve.cli;

import dev.reve.finetune.run.Promotion;
import dev.reve.openai.OpenAiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reve finetune promote}: put the run's finished models to use. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Write the models of the run's succeeded jobs into reve-models.properties (or"
          + " REVE_MODELS_FILE), where the analysts pick them up, and print the"
          + " OPENAI_<ANALYST>_MODEL lines. Analysts whose job has not succeeded are listed with"
          + " the reason and left as they were.",
      "Exit 1 unless every analyst was promoted."
    })
public final class FinetunePromoteCommand extends Subcommand {
  @Mixin JsonOption json;

  /** Created by picocli. */
  public FinetunePromoteCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    FinetuneCommand.requireStateFile(env);
    Promotion promotion;
    try (OpenAiClient client = FinetuneCommand.of(spec).client(global())) {
      promotion = FinetuneCommand.run(env, FinetuneCommand.service(env, client, spec, global())).build()
          .promote(Places.modelsFile(env).path(), true);
    }
    return FinetuneCommand.printPromotion(env, promotion, json.requested());
  }
}
