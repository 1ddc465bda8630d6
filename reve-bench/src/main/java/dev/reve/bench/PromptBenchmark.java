package dev.reve.bench;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import dev.reve.analysis.PromptBuilder;
import dev.reve.finetune.training.TrainingExample;
import dev.reve.openai.chat.ChatMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Prompt building and training-line rendering: {@link PromptBuilder#messages} for a request, and
 * {@link TrainingExample#of} plus {@link TrainingExample#toJsonLine()} for one line of a training
 * file with a real Jung answer (about 5 KB of JSON).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class PromptBenchmark {
  private AnalystProfile analyst;
  private Dream dream;
  private String answer;
  private TrainingExample example;

  /** Picks the analyst, a dream with every optional part, and the first Jung answer. */
  @Setup(Level.Trial)
  public void setUp() {
    analyst = BuiltInAnalysts.JUNG;
    dream = Dream.builder(
            "I was in my grandmother's house, but it had a cellar I had never seen. I went down a"
                + " stone staircase and found a room of old bones and broken pottery. A dog with"
                + " a human face watched me from the corner and I could not leave until it spoke.")
        .title("The cellar")
        .context("42, architect, just moved house with my family")
        .associations("My grandmother kept a jar of old keys; the dog reminds me of my brother.")
        .build();
    answer = TrainingCorpus.jungAnswers().get(0);
    example = TrainingExample.of(analyst, dream, answer);
  }

  /** The messages of one request. */
  @Benchmark
  public List<ChatMessage> promptMessages() {
    return PromptBuilder.messages(analyst, dream);
  }

  /** One training line from scratch: build the messages, then render the JSON. */
  @Benchmark
  public String trainingLine() {
    return TrainingExample.of(analyst, dream, answer).toJsonLine();
  }

  /** Rendering alone, for an example already built. */
  @Benchmark
  public String toJsonLine() {
    return example.toJsonLine();
  }
}
