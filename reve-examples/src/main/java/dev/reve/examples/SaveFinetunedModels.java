package dev.reve.examples;

import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.run.FineTuneRun;
import dev.reve.finetune.run.Promotion;
import dev.reve.openai.OpenAiClient;
import java.nio.file.Path;

/**
 * Saves the models of two finished fine-tuning jobs, as the original project's {@code
 * save-finetuned-models.ts} did: writes them into {@code reve-models.properties}, where the
 * analysts pick them up, and prints the {@code OPENAI_JUNG_MODEL=} and {@code
 * OPENAI_FREUD_MODEL=} lines. Unlike the original, a model that succeeded is saved even when the
 * other job failed.
 *
 * <pre>
 * ./mvnw -q -pl reve-examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.reve.examples.SaveFinetunedModels -Dexec.args="ftjob-JUNG ftjob-FREUD"
 * </pre>
 */
public final class SaveFinetunedModels {
  private SaveFinetunedModels() {}

  /** Takes Jung's job id, then Freud's. */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: SaveFinetunedModels JUNG_JOB_ID FREUD_JOB_ID");
      System.exit(2);
    }
    try (OpenAiClient client = OpenAiClient.fromEnv()) {
      Promotion promotion = FineTuneRun.save(
          FineTuningService.of(client), args[0], args[1], Path.of("reve-models.properties"));
      System.out.print(promotion.report());
      if (!promotion.complete()) {
        System.exit(1);
      }
    }
  }
}
