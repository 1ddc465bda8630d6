package dev.reve.cli;

import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.DreamInterpretation;
import dev.reve.analysis.ModelChoice;
import dev.reve.openai.OpenAiClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reve interpret}: the neutral structured reading of a dream. */
@Command(
    name = "interpret",
    mixinStandardHelpOptions = true,
    description = {
      "The structured first reading of a dream, before any analyst: a summary, themes, emotions"
          + " and key symbols.",
      "Its model is set like an analyst's: OPENAI_INTERPRETER_MODEL, else the base model."
    })
public final class InterpretCommand extends Subcommand {
  @Mixin DreamInput input;

  @Mixin JsonOption json;

  /** Created by picocli. */
  public InterpretCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    Dream dream = input.read(env);
    try (OpenAiClient client = client();
        DreamAnalysts analysts = Analysts.open(client, env)) {
      ModelChoice choice = analysts.interpretationModelChoice();
      DreamInterpretation reading = analysts.interpret(dream);
      if (json.requested()) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("summary", reading.summary());
        map.put("themes", reading.themes());
        map.put("emotions", reading.emotions());
        map.put("symbols", reading.symbols());
        map.put("model", reading.model());
        map.put("fell_back", reading.fellBack());
        map.put("tokens", JsonOutput.tokens(reading.usage()));
        map.put("request_id", reading.requestId().orElse(null));
        if (global().emulated()) {
          map.put("emulated", true);
        }
        printJson(map);
        return ExitCode.OK;
      }
      markIfEmulated();
      out().println("Summary:  " + reading.summary());
      out().println("Themes:   " + list(reading.themes()));
      out().println("Emotions: " + list(reading.emotions()));
      out().println("Symbols:  " + list(reading.symbols()));
      out().println();
      out().println(
          "Model: "
              + reading.model()
              + (reading.fellBack()
                  ? " (fell back: " + choice.model() + " from " + choice.setting() + " is gone)"
                  : " (from " + choice.setting() + ")")
              + reading.requestId().map(r -> ", request id " + r).orElse(""));
      out().flush();
      return ExitCode.OK;
    }
  }

  private static String list(List<String> items) {
    return items.isEmpty() ? "(none)" : String.join(", ", items);
  }
}
