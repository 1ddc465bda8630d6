package dev.reve.cli;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.FineTuningService;
import dev.reve.finetune.run.AnalystRun;
import dev.reve.finetune.run.RunState;
import dev.reve.finetune.run.RunUpload;
import dev.reve.openai.OpenAiClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code reve finetune status}: the jobs of the run here, or the jobs named. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show fine-tuning jobs as they are now: the run's jobs (from reve-finetune.json, which is"
          + " updated), or the jobs named.",
      "Exit 1 when a job failed or was cancelled."
    })
public final class FinetuneStatusCommand extends Subcommand {
  @Parameters(arity = "0..*", paramLabel = "JOB", description = "Job ids (ftjob-...).")
  List<String> jobs;

  @Mixin JsonOption json;

  /** Created by picocli. */
  public FinetuneStatusCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    if (jobs == null || jobs.isEmpty()) {
      FinetuneCommand.requireStateFile(env);
      RunState state;
      try (OpenAiClient client = FinetuneCommand.of(spec).client(global())) {
        state = FinetuneCommand.run(env, FinetuneCommand.service(env, client, spec, global())).build().status(true);
      }
      return printRun(state);
    }
    List<FineTuningJob> found = new ArrayList<>();
    try (OpenAiClient client = FinetuneCommand.of(spec).client(global())) {
      FineTuningService service = FinetuneCommand.service(env, client, spec, global());
      for (String id : jobs) {
        found.add(service.jobs().retrieve(id.strip()));
      }
    }
    if (json.requested()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("jobs", found.stream().map(FinetuneCommand::jobJson).toList());
      printJson(doc);
    } else {
      Table table = new Table("JOB", "STATUS", "ANALYST", "BASE MODEL", "FINE-TUNED MODEL / ERROR");
      for (FineTuningJob job : found) {
        table.row(job.id(), job.status(), FinetuneCommand.analystOf(job).orElse(""), job.model(),
            job.fineTunedModel().orElseGet(() -> job.error()
                .map(e -> e.message().orElse("(no message)")).orElse("")));
      }
      table.print(out());
    }
    out().flush();
    return found.stream().anyMatch(FineTuningJob::failedOrCancelled)
        ? ExitCode.FAILURE
        : ExitCode.OK;
  }

  private int printRun(RunState state) {
    if (json.requested()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("state_file", Places.show(env, Places.stateFile(env)));
      doc.put("base_model", state.baseModel().orElse(null));
      doc.put("analysts", state.analysts().values().stream().map(FinetuneStatusCommand::runJson).toList());
      printJson(doc);
    } else {
      out().println("Run in " + Places.show(env, Places.stateFile(env))
          + state.baseModel().map(m -> " (base model " + m + ")").orElse(""));
      Table table = new Table("ANALYST", "JOB", "STATUS", "FINE-TUNED MODEL / ERROR");
      for (AnalystRun run : state.analysts().values()) {
        table.row(run.analyst(), run.jobId().orElse("(none yet)"),
            run.status().orElse(run.training().uploaded() ? "uploaded" : "not uploaded"),
            run.fineTunedModel().orElseGet(() -> run.error().orElse("")));
      }
      table.print(out());
      if (state.allSucceeded()) {
        out().println();
        out().println("Every job succeeded: run 'reve finetune promote' to use the models.");
      }
    }
    out().flush();
    return state.anyFailedOrCancelled() ? ExitCode.FAILURE : ExitCode.OK;
  }

  static Map<String, Object> runJson(AnalystRun run) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("analyst", run.analyst());
    map.put("training_file", run.training().path());
    map.put("file_id", run.training().fileId().orElse(null));
    map.put("validation_file_id", run.validation().flatMap(RunUpload::fileId).orElse(null));
    map.put("job_id", run.jobId().orElse(null));
    map.put("status", run.status().orElse(null));
    map.put("fine_tuned_model", run.fineTunedModel().orElse(null));
    map.put("error", run.error().orElse(null));
    return map;
  }
}
