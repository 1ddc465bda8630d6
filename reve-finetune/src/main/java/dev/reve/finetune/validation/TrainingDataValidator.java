package dev.reve.finetune.validation;

import dev.reve.finetune.fidelity.SchoolLexicon;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a chat fine-tuning file before anything is uploaded: OpenAI's per-line format, the
 * encoding and line endings, duplicates, the example count, exact token counts against the base
 * model's limit, the cost, and (with an analyst) train/serve skew and the school-lexicon lint.
 *
 * <p>The file is streamed line by line, so memory does not grow with its size (beyond one
 * 16-byte hash and one token count per example). Instances are thread-safe and cheap; the token
 * encoding is loaded once per JVM.
 *
 * <pre>{@code
 * ValidationReport report = new TrainingDataValidator().validate(
 *     Path.of("training-data/jung-examples.jsonl"),
 *     ValidationOptions.builder().analyst(BuiltInAnalysts.JUNG).build());
 * System.out.print(report.summary());
 * report.requireValid();   // throws InvalidTrainingFileException listing the errors
 * }</pre>
 */
public final class TrainingDataValidator {
  /** Fewer examples than this is an error: OpenAI rejects the file. */
  public static final int MIN_EXAMPLES = 10;
  /** Fewer examples than this is a warning: OpenAI recommends starting with 50 to 100. */
  public static final int RECOMMENDED_EXAMPLES = 50;
  /** Lines longer than this many bytes are reported and not parsed. */
  public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private final TokenCounter counter;
  private final SchoolLexicon lexicon;

  /** A validator with the o200k_base token counter and the bundled school lexicon. */
  public TrainingDataValidator() {
    this(TokenCounter.o200k(), null);
  }

  /** A validator that lints against another lexicon. */
  public TrainingDataValidator(SchoolLexicon lexicon) {
    this(TokenCounter.o200k(), Objects.requireNonNull(lexicon, "lexicon"));
  }

  private TrainingDataValidator(TokenCounter counter, SchoolLexicon lexicon) {
    this.counter = counter;
    this.lexicon = lexicon;
  }

  /** Validates a file with the default options (gpt-4o-2024-08-06, auto epochs, no analyst). */
  public ValidationReport validate(Path file) {
    return validate(file, ValidationOptions.defaults());
  }

  /**
   * Validates a training file. A file that cannot be read gives a report with an
   * {@link ProblemCode#UNREADABLE} error rather than an exception.
   */
  public ValidationReport validate(Path file, ValidationOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    try (InputStream in = Files.newInputStream(file)) {
      return validate(in, file, options);
    } catch (IOException e) {
      Run run = new Run(file, options);
      run.sink.add(0, ProblemCode.UNREADABLE,
          "cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage()
              + "); check the path and permissions");
      return run.report();
    }
  }

  /**
   * Validates JSONL read from a stream (not closed here); {@code name} labels the report.
   *
   * @throws IOException when the stream cannot be read
   */
  public ValidationReport validate(InputStream in, Path name, ValidationOptions options)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Run run = new Run(Objects.requireNonNull(name, "name"), Objects.requireNonNull(options, "options"));
    JsonlLineReader reader = new JsonlLineReader(in, MAX_LINE_BYTES);
    JsonlLineReader.Line line;
    while ((line = reader.next()) != null) {
      run.line(new ExampleLine(line));
    }
    run.finish();
    return run.report();
  }

  /** The school whose lexicon lints the answers, when the options ask for the lint. */
  private Optional<String> lintSchool(ValidationOptions options) {
    if (!options.fidelityLint()) {
      return Optional.empty();
    }
    if (options.fidelitySchool().isPresent()) {
      String s = options.fidelitySchool().get();
      if (!lexicon().schools().contains(s)) {
        throw new IllegalArgumentException(
            "unknown fidelity school '" + s + "'; the lexicon has " + lexicon().schools());
      }
      return Optional.of(s);
    }
    return options.analyst().flatMap(a -> lexicon().schoolFor(a.id()));
  }

  private SchoolLexicon lexicon() {
    return lexicon != null ? lexicon : SchoolLexicon.bundled();
  }

  /** One validation: fresh rules, in order, over one problem sink. */
  private final class Run {
    private final Path file;
    private final ValidationOptions options;
    private final ProblemSink sink;
    private final ExampleCountRule count = new ExampleCountRule();
    private final TokenRule tokens;
    private final List<ValidationRule> rules = new ArrayList<>();

    Run(Path file, ValidationOptions options) {
      this.file = file;
      this.options = options;
      this.sink = new ProblemSink(options.maxProblems());
      this.tokens = new TokenRule(counter, options);
      rules.add(count);
      rules.add(new EncodingRule());
      rules.add(new DuplicateRule());
      rules.add(new ChatFormatRule());
      lintSchool(options).ifPresent(school -> rules.add(new LexiconRule(lexicon(), school)));
      rules.add(tokens);
      options.analyst().ifPresent(analyst -> rules.add(new SkewRule(analyst)));
    }

    void line(ExampleLine line) {
      for (ValidationRule rule : rules) {
        if (!rule.check(line, sink)) {
          return;
        }
      }
    }

    void finish() {
      rules.forEach(rule -> rule.finish(sink));
    }

    ValidationReport report() {
      TokenStats stats = tokens.stats();
      return new ValidationReport(file, options.baseModel(), options.epochs(), count.examples(), sink.problems(),
          sink.errors(), sink.warnings(), stats,
          options.priceTable().estimate(options.baseModel(), stats.total(), options.epochs()));
    }
  }
}
