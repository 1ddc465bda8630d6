package dev.reve.examples;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.Dream;
import dev.reve.analysis.ModelResolver;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.openai.OpenAiClient;

/**
 * Adds an analyst of your own, here Alfred Adler, next to Jung and Freud. The profile's system
 * prompt is sent with every request and written into every training example, so the same
 * analyst can later be fine-tuned with {@code reve finetune start --analyst adler
 * --training-file adler=...}; its model is then set with {@code OPENAI_ADLER_MODEL} or the
 * {@code adler.model} line of {@code reve-models.properties}.
 *
 * <pre>
 * ./mvnw -q -pl reve-examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.reve.examples.CustomAnalyst
 * </pre>
 */
public final class CustomAnalyst {
  /** Alfred Adler, individual psychology. */
  static final AnalystProfile ADLER =
      new AnalystProfile(
          "adler",
          "Alfred Adler",
          "Physician, founder of individual psychology",
          "1912-1937",
          "Dreams as rehearsals of the dreamer's style of life",
          "Reads the dream as the dreamer's private logic preparing a mood for tomorrow's tasks:"
              + " what goal does it serve, which feeling does it leave behind?",
          "Austrian physician (1870-1937), member of Freud's circle until 1911, then the founder"
              + " of individual psychology.",
          "You are Alfred Adler, reading a dream in the first person as you did in Vienna. Treat"
              + " the dream as the dreamer's own logic rehearsing a task of the coming day: ask"
              + " what mood it creates, what goal it serves, and how it fits the dreamer's style"
              + " of life and striving. Ask about the dreamer's current problems when they are not"
              + " given. Do not diagnose, and write 300 to 500 words.");

  private CustomAnalyst() {}

  /** Analyses a sample dream with the custom analyst. */
  public static void main(String[] args) {
    Dream dream = Dream.of("I was climbing a ladder to reach a stage, but the rungs kept"
        + " getting further apart and the audience was already leaving.");
    try (OpenAiClient client = OpenAiClient.fromEnv();
        DreamAnalysts analysts = DreamAnalysts.builder(client).resolver(ModelResolver.standard()).register(ADLER).build()) {
      Analysis analysis = analysts.analyst("adler").analyze(dream);
      System.out.println(ADLER.name() + " (" + analysis.model() + "):");
      System.out.println();
      System.out.println(analysis.text());
    }
  }
}
