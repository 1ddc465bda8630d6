package dev.reve.cli;

import dev.reve.analysis.AnalystProfile;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationReport;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        : Optional.of(dev.reve.analysis.AnalystRegistry.withBuiltIns().get(analyst.strip()));
    TrainingDataValidator validator = new TrainingDataValidator();
    List<Object> items = new ArrayList<>();
    boolean anyErrors = false;
    BigDecimal total = BigDecimal.ZERO;
    boolean costKnown = true;
    for (Path file : files) {
      Path path = env.resolve(file);
      if (!Files.isRegularFile(path)) {
        throw CliException.usage("Training file " + path + " does not exist.");
      }
      Optional<AnalystProfile> profile = given.isPresent() ? given : fromName(path);
      String note = profile.map(p -> "analyst " + p.id() + (given.isPresent() ? "" : " (from the file name)"))
          .orElse("no analyst: skew check and lexicon lint off; pass --analyst");
      ValidationReport report =
          validator.validate(path, target.validationOptions(profile));
      anyErrors |= report.hasErrors();
      if (report.cost().isPresent()) {
        total = total.add(report.cost().get().trainingCostUsd());
      } else {
        costKnown = false;
      }
      if (json.requested()) {
        items.add(ValidationPrinter.json(env, report, profile.map(AnalystProfile::id)));
      } else {
        if (!items.isEmpty()) {
          out().println();
        }
        items.add(report);
        ValidationPrinter.print(out(), env, report, note);
      }
    }
    if (json.requested()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", !anyErrors);
      doc.put("files", items);
      doc.put("total_cost_usd", costKnown ? total.setScale(2, java.math.RoundingMode.HALF_UP).doubleValue() : null);
      printJson(doc);
    } else if (files.size() > 1) {
      out().println();
      out().println(costKnown
          ? "Estimated training cost of all files: $" + total.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
          : "Estimated training cost of all files: unknown (a model has no price in the table)");
    }
    out().flush();
    return anyErrors ? ExitCode.FAILURE : ExitCode.OK;
  }

  /** The built-in analyst whose id starts the file name, as in {@code jung-examples.jsonl}. */
  static Optional<AnalystProfile> fromName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return dev.reve.analysis.AnalystRegistry.withBuiltIns().all().stream()
        .filter(p -> name.startsWith(p.id() + "-") || name.startsWith(p.id() + "_")
            || name.equals(p.id() + ".jsonl"))
        .findFirst();
  }
}
