package dev.reve.examples;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalyst;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelChoice;
import dev.reve.analysis.ModelResolver;
import dev.reve.openai.OpenAiClient;

/**
 * Tries one analyst's model on a test dream, as the snippet in the original project's
 * fine-tuning guide did, but through the same prompt builder the analyst uses in production, so
 * the test shows what users will get. Prints which model answered and why.
 *
 * <p>Arguments: the analyst ({@code jung} or {@code freud}) and, optionally, the model to test
 * (a fine-tuned {@code ft:...} id); without it, the configured model is tested.
 *
 * <pre>
 * ./mvnw -q -pl reve-examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.reve.examples.TestAnalystModel -Dexec.args="jung ft:gpt-4o-mini-2024-07-18:acme:jung:abc123"
 * </pre>
 */
public final class TestAnalystModel {
  private TestAnalystModel() {}

  /** Tests the analyst in {@code args[0]} with the model in {@code args[1]}, if given. */
  public static void main(String[] args) {
    String analystId = args.length > 0 ? args[0] : "jung";
    ModelResolver.Builder resolver = ModelResolver.builder();
    if (args.length > 1) {
      resolver.model(analystId, args[1]);
    }
    Dream dream = Dream.builder("I was flying over my home town at night, but every time I looked"
        + " down the streets had moved.").title("Flying").build();

    try (OpenAiClient client = OpenAiClient.fromEnv();
        DreamAnalysts analysts = DreamAnalysts.builder(client).resolver(resolver.build()).build()) {
      DreamAnalyst analyst = analysts.analyst(analystId);
      ModelChoice choice = analyst.modelChoice();
      System.out.println("Testing " + analyst.profile().name() + " on " + choice.model()
          + " (chosen by " + choice.setting() + ")");
      Analysis analysis = analyst.analyze(dream);
      System.out.println("Answered by " + analysis.model()
          + (analysis.fellBack() ? " after the configured model answered 404" : "")
          + ": " + analysis.status() + ", " + analysis.usage().completionTokens() + " tokens");
      System.out.println();
      System.out.println(analysis.text());
    }
  }
}
