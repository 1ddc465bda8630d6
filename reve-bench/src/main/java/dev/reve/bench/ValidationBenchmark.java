package dev.reve.bench;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.finetune.validation.TokenCounter;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.finetune.validation.ValidationReport;
import dev.reve.openai.chat.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Training-data validation throughput: {@link TrainingDataValidator} over a generated JSONL file of
 * about {@code megabytes} MB, against raw o200k_base counting of the same messages. The {@code
 * megabytes} and {@code tokens} counters are per second: MB/s and tokens/s. One operation is one
 * pass over the whole file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ValidationBenchmark {
  /** Size of the generated file in MB (10^6 bytes). */
  @Param("20")
  public int megabytes;

  private Path dir;
  private TrainingCorpus.Written file;
  private TrainingDataValidator validator;
  private ValidationOptions withAnalyst;
  private ValidationOptions formatOnly;
  private TokenCounter counter;
  private List<List<ChatMessage>> examples;

  /** Writes the file and parses it once for the raw-counting baseline. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("reve-bench-validation");
    file = TrainingCorpus.write(dir.resolve("jung-large.jsonl"), megabytes * 1_000_000L);
    validator = new TrainingDataValidator();
    withAnalyst = ValidationOptions.builder().analyst(BuiltInAnalysts.JUNG).build();
    formatOnly = ValidationOptions.builder().fidelityLint(false).build();
    counter = TokenCounter.o200k();
    examples = TrainingCorpus.readMessages(file.file());
    ValidationReport first = validator.validate(file.file(), formatOnly);
    if (first.hasErrors() || first.examples() != file.lines()) {
      throw new IllegalStateException("the generated file does not validate:\n" + first.summary());
    }
  }

  /** Deletes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file.file());
    Files.deleteIfExists(dir);
  }

  /** MB and tokens handled, reported per second. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Work {
    /** MB (10^6 bytes) of JSONL covered. */
    public double megabytes;
    /** o200k_base tokens counted, chat framing included. */
    public long tokens;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      megabytes = 0;
      tokens = 0;
    }
  }

  /**
   * What a fine-tune run does: read, UTF-8 and JSON checks, duplicates, tokens, cost, and for the
   * Jung analyst the train/serve skew check and the school-lexicon lint.
   */
  @Benchmark
  public ValidationReport validateForAnalyst(Work work) {
    return validate(withAnalyst, work);
  }

  /** Without an analyst: format, duplicates, tokens and cost only. */
  @Benchmark
  public ValidationReport validateFormatAndTokens(Work work) {
    return validate(formatOnly, work);
  }

  private ValidationReport validate(ValidationOptions options, Work work) {
    ValidationReport report = validator.validate(file.file(), options);
    if (report.hasErrors()) {
      throw new IllegalStateException("the generated file has errors:\n" + report.summary());
    }
    work.megabytes += file.bytes() / 1e6;
    work.tokens += report.tokens().total();
    return report;
  }

  /** The baseline: only {@link TokenCounter#countMessages} over the same messages, already in memory. */
  @Benchmark
  public long countTokensOnly(Work work) {
    long total = 0;
    for (List<ChatMessage> example : examples) {
      total += counter.countMessages(example);
    }
    work.megabytes += file.bytes() / 1e6;
    work.tokens += total;
    return total;
  }
}
