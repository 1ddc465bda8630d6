package dev.reve.finetune.validation;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.PromptBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Train/serve skew for an analyst: each example must carry the analyst's system prompt, the dream
 * in the prompt builder's template, and (for a conversation) the answers and replies alternating
 * after it, as every turn of a served session does.
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
    int firstUser = -1;
    for (int i = 0; i < messages.size(); i++) {
      if ("user".equals(((Map<?, ?>) messages.get(i)).get("role"))) {
        firstUser = i;
        break;
      }
    }
    if (firstUser >= 0 && PromptBuilder.parseUserMessage(
        ChatContent.textOf(((Map<?, ?>) messages.get(firstUser)).get("content"))).isEmpty()) {
      sink.add(n, ProblemCode.USER_TEMPLATE_SKEW,
          "message " + (firstUser + 1) + " (user) is not in the prompt builder's template (\"Analyze this"
              + " dream.\", Title, Dream, context, associations), so the model would be trained on"
              + " input it never sees; regenerate the file with PromptBuilder.trainingMessages");
    }
    if (firstUser >= 0) {
      // After the dream, a conversation alternates answer and reply and ends with an answer,
      // exactly as PromptBuilder.conversation builds every turn of a served session.
      for (int i = firstUser + 1; i < messages.size(); i++) {
        String role = String.valueOf(((Map<?, ?>) messages.get(i)).get("role"));
        String expected = (i - firstUser) % 2 == 1 ? "assistant" : "user";
        if (!role.equals(expected)) {
          sink.add(n, ProblemCode.USER_TEMPLATE_SKEW,
              "message " + (i + 1) + " is '" + role + "' where a session sends '" + expected
                  + "': after the dream, answers and replies alternate; regenerate the file with"
                  + " PromptBuilder.conversation");
          break;
        }
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
