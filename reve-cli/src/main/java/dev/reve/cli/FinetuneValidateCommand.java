package dev.reve.cli;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.finetune.plan.CheckedFile;
import dev.reve.finetune.plan.FileChecks;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reve finetune validate}: check training files before anything is uploaded. */
@Command(
    name = "validate",
    resourceBundle = TrainingTargetOptions.ForEstimates.NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Check training files locally: format, encoding, duplicates, example count, exact token"
          + " counts, the estimated cost and, for an analyst, train/serve skew and the school"
          + " lexicon. Every problem is shown with its line number.",
      "Exit 1 when any file has errors."
    })
public final class FinetuneValidateCommand extends Subcommand {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSONL training files.")
  List<Path> files;

  @Option(
      names = "--analyst",
      paramLabel = "ID",
      description = "The analyst the files train (jung, freud), for the skew check and the"
          + " lexicon lint. Default: taken from a file name like jung-examples.jsonl.")
  String analyst;

  @Mixin TrainingTargetOptions target;

  @Mixin JsonOption json;

  /** Created by picocli. */
  public FinetuneValidateCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    Optional<AnalystProfile> given = analyst == null
        ? Optional.empty()
        : Optional.of(AnalystRegistry.withBuiltIns().get(analyst.strip()));
    List<Path> paths = new ArrayList<>();
    for (Path file : files) {
      Path path = env.resolve(file);
      if (!Files.isRegularFile(path)) {
        throw CliException.usage("Training file " + path + " does not exist.");
      }
      paths.add(path);
    }
    FileChecks checks = target.planner().build().checkFiles(paths, given);
    if (json.requested()) {
      List<Object> items = new ArrayList<>();
      for (CheckedFile file : checks.files()) {
        items.add(ValidationPrinter.json(env, file.report(), file.analyst().map(AnalystProfile::id)));
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", !checks.hasErrors());
      doc.put("files", items);
      doc.put("total_cost_usd", checks.totalCost().usd().map(BigDecimal::doubleValue).orElse(null));
      printJson(doc);
    } else {
      boolean first = true;
      for (CheckedFile file : checks.files()) {
        if (!first) {
          out().println();
        }
        first = false;
        String note = file.analyst()
            .map(p -> "analyst " + p.id() + (file.analystFromFileName() ? " (from the file name)" : ""))
            .orElse("no analyst: skew check and lexicon lint off; pass --analyst");
        ValidationPrinter.print(out(), env, file.report(), note);
      }
      if (files.size() > 1) {
        out().println();
        out().println("Estimated training cost of all files: " + checks.totalCost().describe());
      }
    }
    out().flush();
    return checks.hasErrors() ? ExitCode.FAILURE : ExitCode.OK;
  }
}
