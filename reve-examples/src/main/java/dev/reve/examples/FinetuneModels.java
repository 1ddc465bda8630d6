package dev.reve.examples;

import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.plan.RunPlan;
import dev.reve.finetune.plan.RunPlanner;
import dev.reve.finetune.run.AnalystRun;
import dev.reve.finetune.run.FineTuneRun;
import dev.reve.finetune.run.RunListener;
import dev.reve.finetune.run.RunState;
import dev.reve.finetune.training.TrainingDataLayout;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.openai.OpenAiClient;
import java.nio.file.Path;
import java.util.List;

/**
 * Fine-tunes the Jung and Freud analysts, as the original project's {@code finetune-models.ts}
 * did, but safely: each training file is validated first (format, tokens, cost), and the run
 * keeps file and job ids in {@code reve-finetune.json}, so running it again resumes instead of
 * uploading and paying twice.
 *
 * <p>Needs {@code OPENAI_API_KEY} and an account that may still fine-tune. Run from the
 * repository root (the training files are in {@code training-data/}):
 *
 * <pre>
 * ./mvnw -q -pl reve-examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.reve.examples.FinetuneModels
 * </pre>
 *
 * The {@code reve finetune start} command does the same with more options.
 */
public final class FinetuneModels {
  private FinetuneModels() {}

  /** Starts (or resumes) the fine-tuning of both analysts. */
  public static void main(String[] args) {
    String baseModel = FineTuneRun.DEFAULT_BASE_MODEL;
    // Local and free: each analyst's file validated with its profile, and the cost of the run.
    RunPlanner planner = RunPlanner.builder()
        .options(ValidationOptions.builder().baseModel(baseModel).build())
        .build();
    TrainingDataLayout layout = TrainingDataLayout.in(Path.of(""));
    RunPlan plan = planner.plan(layout.examplesFiles(List.of("jung", "freud")));
    plan.analysts().forEach(analyst -> System.out.print(analyst.report().summary()));
    System.out.println("Estimated training cost: " + plan.totalCost().describe());
    if (!plan.ready()) {
      System.out.println("Nothing was uploaded: fix the errors above first.");
      return;
    }

    try (OpenAiClient client = OpenAiClient.fromEnv()) {
      FineTuneRun run = FineTuneRun.builder(FineTuningService.of(client))
          .baseModel(baseModel)
          .check(planner.check(plan))
          .listener(new RunListener() {
            @Override
            public void onStep(String analyst, String message) {
              System.out.println(analyst + ": " + message);
            }
          })
          .build();
      RunState state = run.start(plan.datasets());

      System.out.println();
      System.out.println("Fine-tuning jobs created:");
      for (AnalystRun analyst : state.analysts().values()) {
        System.out.println("  " + analyst.analyst() + ": " + analyst.jobId().orElse("(none)")
            + " (" + analyst.status().orElse("?") + ")");
      }
      System.out.println();
      System.out.println("Next: follow them with 'reve finetune watch', then save the models with"
          + " SaveFinetunedModels (or 'reve finetune promote') once both have succeeded.");
    }
  }
}
