package dev.reve.finetune.evaluation;

import dev.reve.analysis.AnalysisOptions;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.finetune.fidelity.SchoolLexicon;
import dev.reve.openai.models.ModelCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a comparison runs: which analysts answer which dreams with which candidates, how often,
 * how many calls at once, and whether a judge scores them.
 *
 * <pre>{@code
 * CompareOptions options = CompareOptions.builder()
 *     .candidates(List.of(Candidate.of("base", "gpt-4o-2024-08-06"),
 *         Candidate.perAnalyst("fine-tuned", Map.of("jung", "ft:...:jung:x", "freud", "ft:...:freud:y"))))
 *     .dreams(EvalDreams.read(Path.of("training-data/eval-dreams.jsonl")))
 *     .judge("gpt-4.1-2025-04-14")
 *     .cacheDirectory(Path.of("compare-out/cache"))
 *     .build();
 * }</pre>
 *
 * @param analysts analyst ids, such as {@code jung} and {@code freud}
 * @param candidates the candidates; the first is the baseline the others are judged against
 * @param dreams the evaluation dreams
 * @param samples answers per dream, analyst and candidate (a seed, if set, moves on by one per sample)
 * @param concurrency calls in flight at once
 * @param analysis the sampling options of the answers
 * @param judge the judge model, if any
 * @param judgeOptions the judge's sampling options
 * @param cacheDirectory where answers and judgements are cached
 * @param rubric the judge's rubric
 * @param lexicon the school lexicon of the metrics
 * @param prices the table whose prices give the cost figures ({@link ModelCatalog#price})
 * @param bootstrapResamples resamples of the bootstrap intervals
 * @param seed the bootstrap seed
 * @param registry the analysts' profiles (system prompts)
 * @param progress receives one line per finished step
 * @param clock stamps answers and the result
 * @param batch when present, the answers not cached go through the Batch API at the batch price
 *     ({@link CompareBatch}); the judge's calls stay one at a time
 */
public record CompareOptions(
    List<String> analysts,
    List<Candidate> candidates,
    List<EvalDream> dreams,
    int samples,
    int concurrency,
    AnalysisOptions analysis,
    Optional<String> judge,
    AnalysisOptions judgeOptions,
    Path cacheDirectory,
    Rubric rubric,
    SchoolLexicon lexicon,
    ModelCatalog prices,
    int bootstrapResamples,
    long seed,
    AnalystRegistry registry,
    Consumer<String> progress,
    Clock clock,
    Optional<CompareBatch> batch) {

  /** The most calls in flight a comparison allows. */
  public static final int MAX_CONCURRENCY = 64;

  /** Checks the values. */
  public CompareOptions {
    analysts = List.copyOf(analysts);
    candidates = List.copyOf(candidates);
    dreams = List.copyOf(dreams);
    if (analysts.isEmpty()) {
      throw new IllegalArgumentException("name at least one analyst");
    }
    analysts.forEach(registry::get);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("name at least one model to run (two or more to compare)");
    }
    Set<String> labels = new HashSet<>();
    for (Candidate c : candidates) {
      if (!labels.add(c.label())) {
        throw new IllegalArgumentException("two candidates are labelled '" + c.label() + "'; labels must differ");
      }
      if (c.archive().isEmpty()) {
        analysts.forEach(c::modelFor);
      }
    }
    if (dreams.isEmpty()) {
      throw new IllegalArgumentException("there are no evaluation dreams");
    }
    if (samples < 1 || samples > 20) {
      throw new IllegalArgumentException("samples must be 1 to 20, not " + samples);
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException("concurrency must be 1 to " + MAX_CONCURRENCY + ", not " + concurrency);
    }
    judge = judge == null ? Optional.empty() : judge.filter(j -> !j.isBlank());
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(judgeOptions, "judgeOptions");
    Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    Objects.requireNonNull(rubric, "rubric");
    Objects.requireNonNull(lexicon, "lexicon");
    Objects.requireNonNull(prices, "prices");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(clock, "clock");
    batch = batch == null ? Optional.empty() : batch;
    if (judge.isPresent()) {
      for (String a : analysts) {
        String school = lexicon.schoolFor(a).orElse(a);
        if (!rubric.covers(school)) {
          throw new IllegalArgumentException("the rubric " + rubric.version() + " has no school for analyst '" + a
              + "'; judge only analysts it covers");
        }
      }
    }
  }

  /** A builder: Jung and Freud, one sample, four calls at once, no judge. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CompareOptions}. */
  public static final class Builder {
    private List<String> analysts = List.of("jung", "freud");
    private final List<Candidate> candidates = new ArrayList<>();
    private List<EvalDream> dreams = List.of();
    private int samples = 1;
    private int concurrency = 4;
    private AnalysisOptions analysis = AnalysisOptions.DEFAULT;
    private String judge;
    private AnalysisOptions judgeOptions = AnalysisOptions.builder().temperature(0).maxCompletionTokens(700).build();
    private Path cacheDirectory;
    private Rubric rubric;
    private SchoolLexicon lexicon;
    private ModelCatalog prices = ModelCatalog.builtIn();
    private int bootstrapResamples = 2000;
    private long seed = 18;
    private AnalystRegistry registry;
    private Consumer<String> progress = line -> { };
    private Clock clock = Clock.systemUTC();
    private CompareBatch batch;

    private Builder() {}

    /** The analysts, by id. */
    public Builder analysts(List<String> ids) {
      this.analysts = List.copyOf(ids);
      return this;
    }

    /** The candidates, the baseline first. */
    public Builder candidates(List<Candidate> values) {
      candidates.clear();
      candidates.addAll(values);
      return this;
    }

    /** Adds a candidate. */
    public Builder candidate(Candidate value) {
      candidates.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The evaluation dreams. */
    public Builder dreams(List<EvalDream> values) {
      this.dreams = List.copyOf(values);
      return this;
    }

    /** Answers per dream, analyst and candidate, 1 to 20. */
    public Builder samples(int value) {
      this.samples = value;
      return this;
    }

    /** Calls in flight at once, 1 to {@value CompareOptions#MAX_CONCURRENCY}. */
    public Builder concurrency(int value) {
      this.concurrency = value;
      return this;
    }

    /** Sampling options of the answers. */
    public Builder analysis(AnalysisOptions value) {
      this.analysis = Objects.requireNonNull(value, "value");
      return this;
    }

    /** The judge model, ideally of another family than the candidates. */
    public Builder judge(String model) {
      this.judge = model;
      return this;
    }

    /** The judge's sampling options (default temperature 0, 700 tokens). */
    public Builder judgeOptions(AnalysisOptions value) {
      this.judgeOptions = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Where answers and judgements are cached. */
    public Builder cacheDirectory(Path value) {
      this.cacheDirectory = value;
      return this;
    }

    /** Another rubric. */
    public Builder rubric(Rubric value) {
      this.rubric = value;
      return this;
    }

    /** Another school lexicon. */
    public Builder lexicon(SchoolLexicon value) {
      this.lexicon = value;
      return this;
    }

    /**
     * The model-capabilities table whose prices give the cost figures (default the built-in one;
     * {@code ModelCatalog.fromEnvironment()} for {@code REVE_MODEL_CAPABILITIES}).
     */
    public Builder prices(ModelCatalog value) {
      this.prices = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Bootstrap resamples (default 2000) and seed (default 18). */
    public Builder bootstrap(int resamples, long seedValue) {
      this.bootstrapResamples = resamples;
      this.seed = seedValue;
      return this;
    }

    /** The analysts' profiles (default: the built-in ones). */
    public Builder registry(AnalystRegistry value) {
      this.registry = value;
      return this;
    }

    /** Receives one line per finished step. */
    public Builder progress(Consumer<String> value) {
      this.progress = Objects.requireNonNull(value, "value");
      return this;
    }

    /** The clock stamping answers and the result. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sends the answers that are not cached through the Batch API, at the batch price, instead of
     * one call each; null (the default) asks them one at a time.
     */
    public Builder batch(CompareBatch value) {
      this.batch = value;
      return this;
    }

    /** Builds the options. */
    public CompareOptions build() {
      if (cacheDirectory == null) {
        throw new IllegalArgumentException("set a cache directory: answers are cached so that a rerun costs nothing");
      }
      return new CompareOptions(analysts, candidates, dreams, samples, concurrency, analysis,
          Optional.ofNullable(judge), judgeOptions, cacheDirectory,
          rubric == null ? Rubric.bundled() : rubric, lexicon == null ? SchoolLexicon.bundled() : lexicon,
          prices, bootstrapResamples, seed, registry == null ? AnalystRegistry.withBuiltIns() : registry,
          progress, clock, Optional.ofNullable(batch));
    }
  }
}
