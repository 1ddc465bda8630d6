package dev.reve.cli;

import dev.reve.finetune.run.FineTuneRun;
import dev.reve.finetune.run.Promotion;
import dev.reve.openai.OpenAiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code reve finetune save JUNG_JOB FREUD_JOB}: the original project's save script. */
@Command(
    name = "save",
    mixinStandardHelpOptions = true,
    description = {
      "Save the models of two finished jobs, Jung's and Freud's, into reve-models.properties and"
          + " print the OPENAI_JUNG_MODEL / OPENAI_FREUD_MODEL lines (the original"
          + " save-finetuned-models script). A model that succeeded is saved even when the other"
          + " job failed.",
      "Exit 1 unless both were saved."
    })
public final class FinetuneSaveCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "JUNG_JOB", description = "Jung's job id.")
  String jungJob;

  @Parameters(index = "1", paramLabel = "FREUD_JOB", description = "Freud's job id.")
  String freudJob;

  @Mixin JsonOption json;

  /** Created by picocli. */
  public FinetuneSaveCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    Promotion promotion;
    try (OpenAiClient client = FinetuneCommand.of(spec).client(global())) {
      promotion = FineTuneRun.save(FinetuneCommand.service(env, client, spec, global()), jungJob.strip(),
          freudJob.strip(), Places.modelsFile(env).path());
    }
    return FinetuneCommand.printPromotion(env, promotion, json.requested());
  }
}
