package dev.reve.cli;

import dev.reve.finetune.FineTuningJob;
import dev.reve.finetune.JobListQuery;
import dev.reve.openai.spi.Page;
import dev.reve.openai.OpenAiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reve finetune list}: the organisation's recent fine-tuning jobs. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the organisation's most recent fine-tuning jobs, newest first.")
public final class FinetuneListCommand extends Subcommand {
  @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
      description = "How many jobs. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Mixin JsonOption json;

  /** Created by picocli. */
  public FinetuneListCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    if (limit < 1 || limit > 100) {
      throw CliException.usage("--limit must be 1 to 100; got " + limit);
    }
    Page<FineTuningJob> page;
    try (OpenAiClient client = FinetuneCommand.of(spec).client(global())) {
      page = FinetuneCommand.service(env, client, spec, global()).jobs().list(JobListQuery.DEFAULT.withLimit(limit));
    }
    if (json.requested()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("jobs", page.data().stream().map(FinetuneCommand::jobJson).toList());
      doc.put("has_more", page.more());
      printJson(doc);
      return ExitCode.OK;
    }
    if (page.data().isEmpty()) {
      err().println("No fine-tuning jobs.");
      err().flush();
      return ExitCode.OK;
    }
    Table table = new Table("JOB", "CREATED (UTC)", "STATUS", "ANALYST", "BASE MODEL", "FINE-TUNED MODEL");
    for (FineTuningJob job : page.data()) {
      table.row(job.id(), FinetuneCommand.time(job.createdAt()), job.status(),
          FinetuneCommand.analystOf(job).orElse(""), job.model(), job.fineTunedModel().orElse(""));
    }
    table.print(out());
    if (page.more()) {
      out().println("(more jobs exist: raise --limit)");
    }
    out().flush();
    return ExitCode.OK;
  }
}
