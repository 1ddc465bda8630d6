package dev.reve.finetune.plan;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.finetune.run.AnalystDataset;
import dev.reve.finetune.run.TrainingFileCheck;
import dev.reve.finetune.training.TrainingDataLayout;
import dev.reve.finetune.training.TrainingExample;
import dev.reve.finetune.training.TrainingSplit;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.finetune.validation.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans a fine-tuning run before anything is sent: validates each analyst's training file with
 * that analyst's checks, optionally holds out a validation part, and totals the cost. Local and
 * free; the only thing written is a split's two files.
 *
 * <pre>{@code
 * RunPlanner planner = RunPlanner.builder()
 *     .options(ValidationOptions.builder().baseModel("gpt-4o-mini-2024-07-18").build())
 *     .validationSplit(0.1, Path.of("split"))
 *     .build();
 * RunPlan plan = planner.plan(Map.of("jung", Path.of("training-data/jung-examples.jsonl")));
 * if (plan.ready()) {
 *   run.check(planner.check(plan)).build().start(plan.datasets());
 * }
 * }</pre>
 */
public final class RunPlanner {
  /** Where a command line keeps the parts of a split, relative to its working directory. */
  public static final String DEFAULT_SPLIT_DIRECTORY = "reve-finetune-split";

  /** The seed of the split unless told otherwise, so that reruns hold out the same examples. */
  public static final long DEFAULT_SPLIT_SEED = 42;

  /** The largest validation share accepted (exclusive): more would starve the training part. */
  public static final double MAX_VALIDATION_SPLIT = 0.5;

  private final TrainingDataValidator validator;
  private final ValidationOptions options;
  private final AnalystRegistry registry;
  private final Optional<Double> validationSplit;
  private final Path splitDirectory;
  private final long splitSeed;

  private RunPlanner(Builder builder) {
    this.validator = builder.validator;
    this.options = builder.options;
    this.registry = builder.registry;
    this.validationSplit = Optional.ofNullable(builder.validationSplit);
    this.splitDirectory = builder.splitDirectory;
    this.splitSeed = builder.splitSeed;
  }

  /** A builder: the default validator and options, the built-in analysts, no split. */
  public static Builder builder() {
    return new Builder();
  }

  /** The validation options for one file: the planner's, with the analyst's checks if any. */
  public ValidationOptions options(Optional<AnalystProfile> analyst) {
    return options.toBuilder().analyst(analyst.orElse(null)).build();
  }

  /**
   * Validates files that may belong to different analysts. Each file gets {@code analyst}'s
   * checks when given, else those of the analyst its name starts with ({@link
   * TrainingDataLayout#analystOf}), else no analyst checks.
   */
  public FileChecks checkFiles(List<Path> files, Optional<AnalystProfile> analyst) {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(analyst, "analyst");
    List<CheckedFile> checked = new ArrayList<>(files.size());
    for (Path file : files) {
      Optional<AnalystProfile> profile =
          analyst.isPresent() ? analyst : TrainingDataLayout.analystOf(file, registry);
      ValidationReport report = validator.validate(file, options(profile));
      checked.add(new CheckedFile(report, profile, analyst.isEmpty() && profile.isPresent()));
    }
    return new FileChecks(checked);
  }

  /**
   * Plans a run over each analyst's training file, in the map's order. Without a validation
   * split, a {@code <id>-validation.jsonl} beside an {@code <id>-examples.jsonl} (as {@code
   * TrainingSources.render} writes them) is used as its validation file. With a validation split,
   * a file without errors is split into {@code <id>-training.jsonl} and {@code
   * <id>-validation.jsonl} in the split directory, and the training part is validated again.
   *
   * @throws IllegalArgumentException for an analyst id a job cannot carry
   */
  public RunPlan plan(Map<String, Path> trainingFiles) {
    Objects.requireNonNull(trainingFiles, "trainingFiles");
    List<PlannedAnalyst> planned = new ArrayList<>(trainingFiles.size());
    for (Map.Entry<String, Path> entry : trainingFiles.entrySet()) {
      String id = AnalystDataset.requireId(entry.getKey());
      Optional<AnalystProfile> profile = registry.find(id);
      ValidationReport report = validator.validate(entry.getValue(), options(profile));
      Optional<PlannedSplit> split = report.hasErrors()
          ? Optional.empty()
          : validationSplit.isPresent()
              ? Optional.of(split(id, entry.getValue(), profile, validationSplit.get()))
              : conventionalSplit(entry.getValue(), report);
      planned.add(new PlannedAnalyst(id, profile, report, split));
    }
    return new RunPlan(planned);
  }

  /**
   * The check a {@code FineTuneRun} applies before each upload: the plan's results for the files
   * it validated, and a validation without analyst checks for any other file.
   */
  public TrainingFileCheck check(RunPlan plan) {
    Objects.requireNonNull(plan, "plan");
    Map<Path, TrainingFileCheck.Result> known = new HashMap<>();
    for (PlannedAnalyst analyst : plan.analysts()) {
      known.put(analyst.report().file(), result(analyst.report()));
      analyst.split().ifPresent(s -> {
        known.put(s.trainingFile(), result(s.trainingReport()));
        known.put(s.validationFile(), TrainingFileCheck.Result.passed(
            s.validationFile().getFileName() + ": held out from "
                + analyst.report().file().getFileName()));
      });
    }
    Map<Path, TrainingFileCheck.Result> results = Map.copyOf(known);
    return file -> {
      TrainingFileCheck.Result result = results.get(file);
      return result != null ? result : result(validator.validate(file, options(Optional.empty())));
    };
  }

  private PlannedSplit split(
      String id, Path file, Optional<AnalystProfile> profile, double fraction) {
    Path training = splitDirectory.resolve(id + "-training.jsonl");
    Path validation = splitDirectory.resolve(id + "-validation.jsonl");
    TrainingSplit split = TrainingSplit.of(TrainingExample.readJsonl(file), fraction, splitSeed);
    split.write(training, validation);
    ValidationReport trainingReport = validator.validate(training, options(profile));
    return new PlannedSplit(training, validation, split.training().size(),
        split.validation().size(), trainingReport);
  }

  /**
   * The validation file rendered beside a training file ({@code jung-validation.jsonl} next to
   * {@code jung-examples.jsonl}, {@link TrainingDataLayout#validationFileFor}), when there is one.
   */
  private static Optional<PlannedSplit> conventionalSplit(Path file, ValidationReport report) {
    return TrainingDataLayout.validationFileFor(file).map(validation -> new PlannedSplit(
        file, validation, (int) report.examples(), TrainingExample.readJsonl(validation).size(), report));
  }

  private static TrainingFileCheck.Result result(ValidationReport report) {
    return new TrainingFileCheck.Result(!report.hasErrors(), report.summary());
  }

  /** Options of a {@link RunPlanner}. */
  public static final class Builder {
    private TrainingDataValidator validator = new TrainingDataValidator();
    private ValidationOptions options = ValidationOptions.defaults();
    private AnalystRegistry registry = AnalystRegistry.withBuiltIns();
    private Double validationSplit;
    private Path splitDirectory;
    private long splitSeed = DEFAULT_SPLIT_SEED;

    private Builder() {}

    /** The validator (default: a new {@link TrainingDataValidator}). */
    public Builder validator(TrainingDataValidator value) {
      this.validator = Objects.requireNonNull(value, "validator");
      return this;
    }

    /** Base model, epochs, prices and limits; the analyst in them is replaced per file. */
    public Builder options(ValidationOptions value) {
      this.options = Objects.requireNonNull(value, "options");
      return this;
    }

    /** The analysts whose profiles give the per-analyst checks (default: the built-ins). */
    public Builder registry(AnalystRegistry value) {
      this.registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /**
     * Holds out {@code fraction} of each file as a validation file, writing both parts into
     * {@code directory}.
     *
     * @throws IllegalArgumentException unless {@code fraction} is above 0 and below 0.5
     */
    public Builder validationSplit(double fraction, Path directory) {
      if (!(fraction > 0 && fraction < MAX_VALIDATION_SPLIT)) {
        throw new IllegalArgumentException("The validation split must be above 0 and below "
            + MAX_VALIDATION_SPLIT + ", for example 0.1; got " + fraction);
      }
      this.validationSplit = fraction;
      this.splitDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The seed of the split (default {@link RunPlanner#DEFAULT_SPLIT_SEED}). */
    public Builder splitSeed(long value) {
      this.splitSeed = value;
      return this;
    }

    /** The planner. */
    public RunPlanner build() {
      return new RunPlanner(this);
    }
  }
}
