package dev.reve.examples;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.ModelResolver;
import dev.reve.openai.OpenAiClient;

/**
 * Runs the analysts on a local OpenAI-compatible server instead of OpenAI: Ollama, vLLM or LM
 * Studio. No API key is needed for a server on this machine. This is also the way forward once
 * OpenAI stops fine-tuning: train the same JSONL with an open-weight trainer, serve the result
 * from vLLM or Ollama, and point the analyst at it.
 *
 * <p>Arguments: the base URL (default {@code http://localhost:11434/v1/}, Ollama) and the model
 * (default {@code llama3.1:8b}). With Ollama: {@code ollama pull llama3.1:8b} first.
 *
 * <pre>
 * ./mvnw -q -pl reve-examples -am test-compile exec:java \
 *     -Dexec.mainClass=dev.reve.examples.LocalServer -Dexec.args="http://localhost:11434/v1/ llama3.1:8b"
 * </pre>
 *
 * Without code, the same is {@code OPENAI_BASE_URL=http://localhost:11434/v1/
 * REVE_BASE_MODEL=llama3.1:8b reve analyze ...}; one analyst alone can be moved with {@code
 * OPENAI_JUNG_BASE_URL} and {@code OPENAI_JUNG_MODEL}.
 */
public final class LocalServer {
  private LocalServer() {}

  /** Analyses a sample dream with Jung on the local server. */
  public static void main(String[] args) {
    String baseUrl = args.length > 0 ? args[0] : "http://localhost:11434/v1/";
    String model = args.length > 1 ? args[1] : "llama3.1:8b";

    // No apiKey(...): a local server needs none, and the OpenAI key is not handed to it.
    try (OpenAiClient client = OpenAiClient.builder().baseUrl(baseUrl).build();
        DreamAnalysts analysts = DreamAnalysts.builder(client)
            // Every analyst on the local model; a server without GET /models/{id} is fine too.
            .resolver(ModelResolver.builder().baseModel(model).withoutModelsFile().build())
            .checkShutdownDates(false)
            .build()) {
      Analysis analysis = analysts.analyst("jung").analyze(
          Dream.of("A white horse stood in my kitchen and would not let me pass to the door."));
      System.out.println("Jung on " + analysis.model() + " at " + baseUrl + " (" + analysis.status()
          + "):");
      System.out.println();
      System.out.println(analysis.text());
    }
  }
}
