package dev.reve.cli;

import dev.reve.finetune.FineTuningJob;
import dev.reve.openai.OpenAiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reve finetune cancel JOB}. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a fine-tuning job that has not finished; tokens trained so far are billed.")
public final class FinetuneCancelCommand extends Subcommand {
  @Parameters(paramLabel = "JOB", description = "The job id (ftjob-...).")
  String job;

  /** Created by picocli. */
  public FinetuneCancelCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    FineTuningJob cancelled;
    try (OpenAiClient client = FinetuneCommand.of(spec).client(global())) {
      cancelled = FinetuneCommand.service(env, client, spec, global()).jobs().cancel(job.strip());
    }
    out().println("Job " + cancelled.id() + " is now " + cancelled.status() + ".");
    out().flush();
    return ExitCode.OK;
  }
}
