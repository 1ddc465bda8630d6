package dev.reve.finetune.distill;

import dev.reve.finetune.training.TrainingDataLayout;
import dev.reve.finetune.validation.ValidationOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What to distil and where: the analyst, its training file, extra dreams, the output file, how
 * many dreams are asked about at once, the validator's settings and the clock that dates the
 * provenance and the shutdown warning. Build with {@link #builder(String)}.
 *
 * @param analyst the analyst whose model answers, such as {@code jung}
 * @param trainingFile the chat training file whose dreams (and replies) are asked again
 * @param dreamsFile extra dreams ({@code {"id", "content", ...}} JSONL), if any
 * @param output the distilled set; the journal and the provenance file go beside it
 * @param concurrency how many dreams are in flight at once (each conversation runs in order)
 * @param validation the validator's settings (base model, epochs, prices); the analyst is set from
 *     {@link #analyst()} so the skew check and the lexicon lint always run
 * @param clock dates the provenance, the journal and the days left before a shutdown
 * @param batch whether the first answers go through the Batch API, and how long to wait for it
 */
public record DistillOptions(
    String analyst,
    Path trainingFile,
    Optional<Path> dreamsFile,
    Path output,
    int concurrency,
    ValidationOptions validation,
    Clock clock,
    Optional<DistillBatch> batch) {

  /** The default of {@link Builder#concurrency(int)}. */
  public static final int DEFAULT_CONCURRENCY = 4;
  /** The folder the CLI writes into unless told otherwise. */
  public static final String DEFAULT_DIRECTORY = "distilled";

  /** Requires every part. */
  public DistillOptions {
    Objects.requireNonNull(analyst, "analyst");
    Objects.requireNonNull(trainingFile, "trainingFile");
    Objects.requireNonNull(dreamsFile, "dreamsFile");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(batch, "batch");
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("concurrency must be 1 to 64, was " + concurrency);
    }
    if (!output.getFileName().toString().endsWith(".jsonl")) {
      throw new IllegalArgumentException("the distilled set is JSONL: name it like jung-examples.jsonl, not "
          + output.getFileName());
    }
  }

  /** Options for {@code analyst}: {@code training-data/<id>-examples.jsonl} into {@code distilled/}. */
  public static Builder builder(String analyst) {
    return new Builder(analyst);
  }

  /** The journal of answers beside the output: {@code jung-examples.journal.json}. */
  public Path journalFile() {
    return output.resolveSibling(stem() + ".journal.json");
  }

  /** The Batch API's work folder beside the output: {@code jung-examples.batch/}. */
  public Path batchDirectory() {
    return output.resolveSibling(stem() + ".batch");
  }

  /** The provenance beside the output: {@code jung-examples.provenance.json}. */
  public Path provenanceFile() {
    return output.resolveSibling(stem() + ".provenance.json");
  }

  private String stem() {
    String name = output.getFileName().toString();
    return name.substring(0, name.length() - ".jsonl".length());
  }

  /** Builds {@link DistillOptions}. */
  public static final class Builder {
    private final String analyst;
    private Path trainingFile;
    private Path dreamsFile;
    private Path output;
    private int concurrency = DEFAULT_CONCURRENCY;
    private ValidationOptions validation = ValidationOptions.defaults();
    private Clock clock = Clock.systemUTC();
    private DistillBatch batch;

    private Builder(String analyst) {
      Objects.requireNonNull(analyst, "analyst");
      if (analyst.isBlank() || analyst.contains("/") || analyst.contains("\\")) {
        throw new IllegalArgumentException("an analyst id is a plain name such as jung, not '" + analyst + "'");
      }
      this.analyst = analyst.strip();
    }

    /** The training file to ask again; default {@code training-data/<id>-examples.jsonl}. */
    public Builder trainingFile(Path value) {
      this.trainingFile = Objects.requireNonNull(value, "trainingFile");
      return this;
    }

    /** Extra dreams to ask about, JSONL as for {@code reve batch submit}. */
    public Builder dreamsFile(Path value) {
      this.dreamsFile = Objects.requireNonNull(value, "dreamsFile");
      return this;
    }

    /** The distilled set; default {@code distilled/<id>-examples.jsonl}. */
    public Builder output(Path value) {
      this.output = Objects.requireNonNull(value, "output");
      return this;
    }

    /** Dreams in flight at once, 1 to 64; default {@value DistillOptions#DEFAULT_CONCURRENCY}. */
    public Builder concurrency(int value) {
      this.concurrency = value;
      return this;
    }

    /** The validator's settings; default {@link ValidationOptions#defaults()}. */
    public Builder validation(ValidationOptions value) {
      this.validation = Objects.requireNonNull(value, "validation");
      return this;
    }

    /** The clock of the provenance, the journal and the shutdown warning; default UTC now. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Send the first answers through the Batch API at half the price ({@link DistillBatch}). */
    public Builder batch(DistillBatch value) {
      this.batch = Objects.requireNonNull(value, "batch");
      return this;
    }

    /** Builds the options. */
    public DistillOptions build() {
      Path training = trainingFile != null ? trainingFile
          : new TrainingDataLayout(Path.of(TrainingDataLayout.DIRECTORY)).examplesFile(analyst);
      Path out = output != null ? output
          : new TrainingDataLayout(Path.of(DEFAULT_DIRECTORY)).examplesFile(analyst);
      return new DistillOptions(analyst, training, Optional.ofNullable(dreamsFile), out, concurrency,
          validation, clock, Optional.ofNullable(batch));
    }
  }
}
