package dev.reve.examples;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.AnalystOutcome;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.MultiAnalysis;
import dev.reve.openai.OpenAiClient;

/**
 * Analyses one dream with Jung and Freud at the same time and prints both readings, with the
 * model that answered each.
 *
 * <p>Needs {@code OPENAI_API_KEY} (or {@code OPENAI_BASE_URL} pointing at a local
 * OpenAI-compatible server). Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl reve-examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.reve.examples.AnalyzeDream -Dexec.args="'I was late for an exam.'"
 * </pre>
 */
public final class AnalyzeDream {
  private AnalyzeDream() {}

  /** Analyses the dream given as the arguments, or a sample dream. */
  public static void main(String[] args) {
    String text =
        args.length > 0
            ? String.join(" ", args)
            : "I was back in the house I grew up in, but the stairs led to rooms I had never seen."
                + " In the last one my grandmother was baking bread and did not recognise me.";
    Dream dream = Dream.builder(text).title("Rooms I had never seen").build();

    try (OpenAiClient client = OpenAiClient.fromEnv();
        DreamAnalysts analysts = DreamAnalysts.fromEnvironment(client)) {
      MultiAnalysis result = analysts.analyzeAll(dream);
      for (AnalystOutcome outcome : result.outcomes()) {
        System.out.println("=== " + outcome.analystId() + " ===");
        if (outcome.analysis().isEmpty()) {
          System.out.println("failed: " + outcome.failure().map(Throwable::getMessage).orElse(""));
          continue;
        }
        Analysis analysis = outcome.analysis().get();
        System.out.println("model: " + analysis.model()
            + (analysis.fineTuned() ? " (fine-tuned)" : " (base model)")
            + (analysis.fellBack() ? ", after falling back from a missing fine-tune" : "")
            + ", status " + analysis.status());
        System.out.println();
        System.out.println(analysis.text());
        System.out.println();
      }
    }
  }
}
