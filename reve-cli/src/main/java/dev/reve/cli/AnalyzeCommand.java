package dev.reve.cli;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.AnalystOutcome;
import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalyst;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelChoice;
import dev.reve.analysis.ModelChoiceExplanation;
import dev.reve.analysis.MultiAnalysis;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.OpenAiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reve analyze}: one dream, read by Jung, Freud or both. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse a dream in the voice of Jung, Freud or both (at the same time).",
      "Shows which model answered and why: a fine-tuned model and the setting naming it, or the"
          + " base model, or a fallback when a fine-tuned model is gone.",
      "Exit 0 when every analyst answered (a truncated or refused answer is marked as such), 3"
          + " when an analyst's request failed."
    })
public final class AnalyzeCommand extends Subcommand {
  @Option(
      names = "--analyst",
      paramLabel = "ID",
      defaultValue = "all",
      description = "jung, freud or all (default: ${DEFAULT-VALUE}).")
  String analyst;

  @Mixin DreamInput input;

  @Option(names = "--stream", description = "Print each analysis as it arrives (one after another).")
  boolean stream;

  @Option(
      names = "--json",
      description = "Print one JSON document: per analyst the id, model, fine-tuned, fell back,"
          + " finish reason, truncated, tokens, request id and text, or the error.")
  boolean json;

  /** Created by picocli. */
  public AnalyzeCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    if (stream && json) {
      throw CliException.usage("--stream and --json cannot be combined: pick one.");
    }
    List<String> ids = analystIds(analyst);
    Dream dream = input.read(env);
    try (OpenAiClient client = client();
        DreamAnalysts analysts = Analysts.open(client, env)) {
      analysts.limits().check(dream);
      return stream ? streamEach(analysts, ids, dream) : analyzeAll(analysts, ids, dream);
    }
  }

  /** The ids asked for: one analyst, or every built-in one for {@code all}. */
  static List<String> analystIds(String value) {
    AnalystRegistry registry = AnalystRegistry.withBuiltIns();
    String id = value.strip().toLowerCase(Locale.ROOT);
    if (id.equals("all")) {
      return registry.ids();
    }
    return List.of(registry.get(id).id());
  }

  private int analyzeAll(DreamAnalysts analysts, List<String> ids, Dream dream) {
    Map<String, ModelChoice> choices = new LinkedHashMap<>();
    ids.forEach(id -> choices.put(id, analysts.modelChoice(id)));
    MultiAnalysis result = analysts.analyzeAll(dream, ids);
    if (json) {
      List<Object> items = new ArrayList<>();
      for (AnalystOutcome outcome : result.outcomes()) {
        items.add(outcomeJson(analysts, outcome, choices.get(outcome.analystId())));
      }
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("dream", dreamJson(dream));
      document.put("analyses", items);
      printJson(document);
    } else {
      boolean first = true;
      for (AnalystOutcome outcome : result.outcomes()) {
        AnalystProfile profile = analysts.analyst(outcome.analystId()).profile();
        if (outcome.analysis().isPresent()) {
          if (!first) {
            out().println();
          }
          first = false;
          Analysis analysis = outcome.analysis().get();
          printHeader(profile, ModelChoiceExplanation.of(choices.get(profile.id()), analysis).lines());
          out().println(TerminalText.neutralise(analysis.text().strip()));
          printFooter(analysis);
        } else {
          reporter().report(profile.id() + ": ", outcome.failure().orElseThrow());
        }
      }
    }
    return exitCode(result.outcomes().stream().flatMap(o -> o.failure().stream()).toList());
  }

  private int streamEach(DreamAnalysts analysts, List<String> ids, Dream dream) {
    List<Throwable> failures = new ArrayList<>();
    boolean first = true;
    for (String id : ids) {
      DreamAnalyst one = analysts.analyst(id);
      ModelChoice choice = one.modelChoice();
      if (!first) {
        out().println();
      }
      first = false;
      printHeader(one.profile(), ModelChoiceExplanation.of(choice).lines());
      try {
        Analysis analysis =
            one.stream(
                dream,
                piece -> {
                  out().print(TerminalText.neutralise(piece));
                  out().flush();
                });
        out().println();
        if (analysis.fellBack()) {
          out().println();
          out().println("[Fell back: " + ModelChoiceExplanation.fallbackReason(choice) + "]");
        }
        printFooter(analysis);
      } catch (OpenAiException e) {
        out().println();
        out().flush();
        reporter().report(id + ": ", e);
        failures.add(e);
      }
    }
    return exitCode(failures);
  }

  private static int exitCode(List<Throwable> failures) {
    if (failures.isEmpty()) {
      return ExitCode.OK;
    }
    return failures.stream().allMatch(f -> ErrorReporter.exitCode(f) == ExitCode.API)
        ? ExitCode.API
        : failures.stream().mapToInt(ErrorReporter::exitCode).max().orElse(ExitCode.FAILURE);
  }

  private void printHeader(AnalystProfile profile, List<String> modelLines) {
    String title = "== " + profile.name() + " (" + profile.id() + ") ";
    out().println(title + "=".repeat(Math.max(3, 72 - title.length())));
    modelLines.forEach(out()::println);
    markIfEmulated();
    out().println();
    out().flush();
  }

  private void printFooter(Analysis analysis) {
    out().println();
    switch (analysis.status()) {
      case TRUNCATED -> out().println(analysis.truncatedByReasoning()
          ? "[Truncated: the answer " + analysis.problem().orElse("") + ".]"
          : "[Truncated: the answer reached the token limit and is cut off.]");
      case REFUSED -> out().println(
          "[Refused: " + analysis.refusal().orElse("the model declined to answer") + "]");
      case CONTENT_FILTERED -> out().println(
          "[Content filtered: the provider withheld the answer or part of it.]");
      case UNEXPECTED -> out().println(
          "[Unexpected end: finish reason " + analysis.finishReason() + ".]");
      default -> {
        // a whole answer needs no note
      }
    }
    List<String> facts = new ArrayList<>();
    if (analysis.usage().totalTokens() > 0) {
      facts.add(analysis.usage().promptTokens() + " prompt + "
          + analysis.usage().completionTokens() + " completion tokens"
          + (analysis.reasoningTokens() > 0 ? " (" + analysis.reasoningTokens() + " reasoning)" : ""));
    }
    analysis.requestId().ifPresent(r -> facts.add("request id " + r));
    if (!facts.isEmpty()) {
      out().println("(" + String.join(", ", facts) + ")");
    }
    out().flush();
  }

  private Map<String, Object> outcomeJson(
      DreamAnalysts analysts, AnalystOutcome outcome, ModelChoice choice) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("analyst", outcome.analystId());
    map.put("name", analysts.analyst(outcome.analystId()).profile().name());
    if (outcome.analysis().isEmpty()) {
      map.put("configured_model", choice.model());
      map.put("error", errorJson(outcome.failure().orElseThrow()));
      return map;
    }
    Analysis a = outcome.analysis().get();
    map.put("model", a.model());
    map.put("fine_tuned", a.fineTuned());
    map.put("source", a.source().name().toLowerCase(Locale.ROOT));
    map.put("setting", choice.setting());
    map.put("fell_back", a.fellBack());
    map.put("configured_model", choice.model());
    map.put("status", a.status().name().toLowerCase(Locale.ROOT));
    map.put("finish_reason", a.finishReason().name().toLowerCase(Locale.ROOT));
    map.put("truncated", a.truncated());
    map.put("truncated_by_reasoning", a.truncatedByReasoning());
    map.put("refusal", a.refusal().orElse(null));
    map.put("tokens", JsonOutput.tokens(a.usage()));
    map.put("request_id", a.requestId().orElse(null));
    map.put("latency_ms", a.latency().toMillis());
    map.put("text", a.text());
    if (global().emulated()) {
      map.put("emulated", true);
    }
    return map;
  }

  static Map<String, Object> dreamJson(Dream dream) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("title", dream.title().orElse(null));
    map.put("content", dream.content());
    map.put("context", dream.context().orElse(null));
    map.put("associations", dream.associations().orElse(null));
    return map;
  }
}
