package dev.reve.finetune.validation;

import dev.reve.finetune.fidelity.SchoolLexicon;
import dev.reve.finetune.fidelity.TermHit;
import java.util.List;
import java.util.Map;

/**
 * The school-lexicon lint: a learnt assistant answer that uses another school's term, or a term
 * neither school should use, is reported with an excerpt.
 */
record LexiconRule(SchoolLexicon lexicon, String school) implements ValidationRule {

  @Override
  public boolean check(ExampleLine line, ProblemSink sink) {
    if (!line.hasMessages()) {
      return false;
    }
    List<?> messages = line.messages;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) instanceof Map<?, ?> message
          && "assistant".equals(message.get("role"))
          && ChatFormatRule.trained(message)) {
        lint(line.number, "message " + (i + 1) + " (assistant)", ChatContent.textOf(message.get("content")), sink);
      }
    }
    return true;
  }

  private void lint(long n, String where, String answer, ProblemSink sink) {
    if (answer.isEmpty()) {
      return;
    }
    for (TermHit hit : lexicon.lint(school, answer)) {
      boolean other = hit.kind() == TermHit.Kind.OTHER_SCHOOL;
      sink.add(n, other ? ProblemCode.OTHER_SCHOOL_TERM : ProblemCode.AVOIDED_TERM,
          where + " uses '" + hit.term() + "' (\"" + excerpt(answer, hit) + "\"), "
              + (other ? "another school's term in a " + school + " answer; explain in the school's own terms,"
                  + " or make a contrast explicit"
                  : "a term neither school should use; rephrase it in the analyst's period voice"));
    }
  }

  private static String excerpt(String text, TermHit hit) {
    int from = Math.max(0, hit.start() - 40);
    int to = Math.min(text.length(), hit.start() + hit.matched().length() + 40);
    return (from > 0 ? "..." : "") + text.substring(from, to).replace('\n', ' ') + (to < text.length() ? "..." : "");
  }
}
