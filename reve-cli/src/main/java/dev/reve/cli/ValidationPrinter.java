package dev.reve.cli;

import dev.reve.finetune.validation.CostEstimate;
import dev.reve.finetune.validation.Problem;
import dev.reve.finetune.validation.ValidationReport;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Shows validation reports: every problem with its line, tokens and cost; or as JSON. */
final class ValidationPrinter {
  private ValidationPrinter() {}

  /** The report as text, every kept problem included. */
  static void print(PrintWriter out, CliEnvironment env, ValidationReport report, String analystNote) {
    out.println(Places.show(env, report.file()) + " (" + analystNote + ", base model "
        + report.baseModel() + ", epochs " + report.epochs() + ")");
    out.println("  " + report.examples() + (report.examples() == 1 ? " example, " : " examples, ")
        + count(report.errorCount(), "error") + ", " + count(report.warningCount(), "warning")
        + ": " + (report.hasErrors() ? "NOT ready to upload" : "ready to upload"));
    out.println("  tokens: " + fmt(report.tokens().total()) + " in all, largest example "
        + fmt(report.tokens().max())
        + (report.tokens().maxLine() > 0 ? " (line " + report.tokens().maxLine() + ")" : "")
        + ", mean " + String.format(Locale.ROOT, "%,.0f", report.tokens().mean())
        + ", limit " + fmt(report.tokens().limit()) + " per example");
    out.println("  cost: " + report.cost().map(CostEstimate::summary)
        .orElse("unknown (no training price for " + report.baseModel() + ")"));
    for (Problem problem : report.problems()) {
      out.println("  " + problem);
    }
    if (report.omittedProblems() > 0) {
      out.println("  ... and " + report.omittedProblems() + " more problems not listed");
    }
    out.flush();
  }

  /** The report as a JSON object. */
  static Map<String, Object> json(CliEnvironment env, ValidationReport report, Optional<String> analyst) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("file", Places.show(env, report.file()));
    map.put("analyst", analyst.orElse(null));
    map.put("base_model", report.baseModel());
    map.put("epochs", report.epochs().toString());
    map.put("ready", !report.hasErrors());
    map.put("examples", report.examples());
    map.put("errors", report.errorCount());
    map.put("warnings", report.warningCount());
    Map<String, Object> tokens = new LinkedHashMap<>();
    tokens.put("total", report.tokens().total());
    tokens.put("max", report.tokens().max());
    tokens.put("max_line", report.tokens().maxLine());
    tokens.put("mean", Math.round(report.tokens().mean()));
    tokens.put("limit", report.tokens().limit());
    map.put("tokens", tokens);
    map.put("cost", report.cost().map(ValidationPrinter::costJson).orElse(null));
    List<Object> problems = new ArrayList<>();
    for (Problem p : report.problems()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("line", p.line());
      item.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
      item.put("code", p.code().name());
      item.put("message", p.message());
      problems.add(item);
    }
    map.put("problems", problems);
    map.put("omitted_problems", report.omittedProblems());
    return map;
  }

  private static Map<String, Object> costJson(CostEstimate cost) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("model", cost.model());
    map.put("usd", cost.trainingCostUsdRounded().doubleValue());
    map.put("billed_tokens", cost.billedTokens());
    map.put("epochs", cost.epochs());
    map.put("epochs_assumed", cost.epochsAssumed());
    map.put("usd_per_million_tokens", cost.usdPerMillionTokens().doubleValue());
    map.put("inference_multiplier", cost.inferenceMultiplier().map(BigDecimal::doubleValue).orElse(null));
    return map;
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
