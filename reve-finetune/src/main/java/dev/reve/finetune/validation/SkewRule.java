package dev.reve.finetune.validation;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.PromptBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Train/serve skew for an analyst: each example must carry the analyst's system prompt and user
 * messages in the prompt builder's template, as served requests do.
 */
final class SkewRule implements ValidationRule {
  private final AnalystProfile analyst;

  SkewRule(AnalystProfile analyst) {
    this.analyst = analyst;
  }

  @Override
  public boolean check(ExampleLine line, ProblemSink sink) {
    if (!line.wellFormed) {
      return false;
    }
    long n = line.number;
    List<?> messages = line.messages;
    Optional<Map<?, ?>> system = messages.stream()
        .<Map<?, ?>>map(m -> (Map<?, ?>) m)
        .filter(m -> "system".equals(m.get("role")) || "developer".equals(m.get("role")))
        .findFirst();
    if (system.isEmpty()) {
      sink.add(n, ProblemCode.SYSTEM_PROMPT_SKEW,
          "no system message, but analyst '" + analyst.id() + "' sends its system prompt with every"
              + " request; build the examples with PromptBuilder.trainingMessages");
    } else {
      String prompt = ChatContent.textOf(system.get().get("content"));
      if (!prompt.equals(analyst.systemPrompt())) {
        sink.add(n, ProblemCode.SYSTEM_PROMPT_SKEW,
            "the system prompt differs from analyst '" + analyst.id() + "''s "
                + firstDifference(prompt, analyst.systemPrompt())
                + "; regenerate the file from the sources so training matches serving");
      }
    }
    for (int i = 0; i < messages.size(); i++) {
      Map<?, ?> message = (Map<?, ?>) messages.get(i);
      if ("user".equals(message.get("role"))
          && PromptBuilder.parseUserMessage(ChatContent.textOf(message.get("content"))).isEmpty()) {
        sink.add(n, ProblemCode.USER_TEMPLATE_SKEW,
            "message " + (i + 1) + " (user) is not in the prompt builder's template (\"Analyze this"
                + " dream.\", Title, Dream, context, associations), so the model would be trained on"
                + " input it never sees; regenerate the file with PromptBuilder.trainingMessages");
      }
    }
    return true;
  }

  private static String firstDifference(String actual, String expected) {
    int i = 0;
    int max = Math.min(actual.length(), expected.length());
    while (i < max && actual.charAt(i) == expected.charAt(i)) {
      i++;
    }
    return "(first difference at character " + (i + 1) + ": file has \"" + snippet(actual, i)
        + "\", analyst has \"" + snippet(expected, i) + "\")";
  }

  private static String snippet(String s, int at) {
    String part = s.substring(at, Math.min(s.length(), at + 30));
    return (part + (s.length() > at + 30 ? "..." : "")).replace("\n", "\\n");
  }
}
