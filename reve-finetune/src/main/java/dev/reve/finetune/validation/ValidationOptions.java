package dev.reve.finetune.validation;

import dev.reve.analysis.AnalystProfile;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link TrainingDataValidator} checks a file.
 *
 * <pre>{@code
 * ValidationOptions options = ValidationOptions.builder()
 *     .baseModel("gpt-4o-mini-2024-07-18")
 *     .epochs(Epochs.auto())
 *     .analyst(BuiltInAnalysts.JUNG)      // train/serve skew check and fidelity lint
 *     .build();
 * }</pre>
 *
 * @param baseModel the model to fine-tune; sets the per-example token limit and the price
 * @param epochs the epochs of the job, for the cost estimate
 * @param analyst when present, every example must use this analyst's system prompt and the
 *     prompt builder's user template
 * @param priceTable prices and limits by model
 * @param fidelityLint whether to lint answers against the school lexicon
 * @param fidelitySchool the lexicon school to lint against; when empty, the analyst's id decides
 *     ({@code jung}, {@code freud}) and other analysts are not linted
 * @param maxTokensPerExample overrides the model's per-example limit
 * @param maxProblems how many problems the report keeps (the rest are only counted)
 */
public record ValidationOptions(
    String baseModel,
    Epochs epochs,
    Optional<AnalystProfile> analyst,
    PriceTable priceTable,
    boolean fidelityLint,
    Optional<String> fidelitySchool,
    Optional<Integer> maxTokensPerExample,
    int maxProblems) {

  /**
   * The base model trained when none is given: a dated snapshot, since OpenAI fine-tunes snapshots.
   * It differs from the serving default ({@code ModelResolver.DEFAULT_BASE_MODEL}, a reasoning
   * model) because reasoning models take no supervised fine-tuning; its family shuts down on
   * 2027-01-14 (see the model capabilities table), and a fine-tune of it then falls back to the
   * serving default.
   */
  public static final String DEFAULT_BASE_MODEL = "gpt-4o-2024-08-06";

  /** Normalises empty optionals and checks the numbers. */
  public ValidationOptions {
    Objects.requireNonNull(baseModel, "baseModel");
    if (baseModel.isBlank()) {
      throw new IllegalArgumentException("baseModel must not be blank");
    }
    Objects.requireNonNull(epochs, "epochs");
    analyst = analyst == null ? Optional.empty() : analyst;
    Objects.requireNonNull(priceTable, "priceTable");
    fidelitySchool = fidelitySchool == null ? Optional.empty() : fidelitySchool;
    maxTokensPerExample = maxTokensPerExample == null ? Optional.empty() : maxTokensPerExample;
    maxTokensPerExample.ifPresent(
        n -> {
          if (n < 1) {
            throw new IllegalArgumentException("maxTokensPerExample must be positive");
          }
        });
    if (maxProblems < 1) {
      throw new IllegalArgumentException("maxProblems must be positive");
    }
  }

  /** gpt-4o-2024-08-06, auto epochs, no analyst, default prices, lint on. */
  public static ValidationOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.baseModel = baseModel;
    b.epochs = epochs;
    b.analyst = analyst.orElse(null);
    b.priceTable = priceTable;
    b.fidelityLint = fidelityLint;
    b.fidelitySchool = fidelitySchool.orElse(null);
    b.maxTokensPerExample = maxTokensPerExample.orElse(null);
    b.maxProblems = maxProblems;
    return b;
  }

  /** The per-example limit: the override, the model's, or {@link PriceTable#DEFAULT_MAX_TOKENS_PER_EXAMPLE}. */
  public int tokenLimit() {
    return maxTokensPerExample.orElseGet(
        () ->
            priceTable
                .find(baseModel)
                .map(ModelPricing::maxTokensPerExample)
                .orElse(PriceTable.DEFAULT_MAX_TOKENS_PER_EXAMPLE));
  }

  /** Builds {@link ValidationOptions}. */
  public static final class Builder {
    private String baseModel = DEFAULT_BASE_MODEL;
    private Epochs epochs = Epochs.auto();
    private AnalystProfile analyst;
    private PriceTable priceTable = PriceTable.defaults();
    private boolean fidelityLint = true;
    private String fidelitySchool;
    private Integer maxTokensPerExample;
    private int maxProblems = 1_000;

    private Builder() {}

    /** The model to fine-tune, for example {@code gpt-4o-mini-2024-07-18}. */
    public Builder baseModel(String value) {
      this.baseModel = value;
      return this;
    }

    /** The epochs of the job ({@link Epochs#auto()} by default). */
    public Builder epochs(Epochs value) {
      this.epochs = value;
      return this;
    }

    /** A fixed number of epochs. */
    public Builder epochs(int value) {
      this.epochs = Epochs.of(value);
      return this;
    }

    /** The analyst the file trains, for the skew check and the fidelity lint; null for none. */
    public Builder analyst(AnalystProfile value) {
      this.analyst = value;
      return this;
    }

    /** Prices and limits by model. */
    public Builder priceTable(PriceTable value) {
      this.priceTable = value;
      return this;
    }

    /** Turns the school-lexicon lint on (default) or off. */
    public Builder fidelityLint(boolean value) {
      this.fidelityLint = value;
      return this;
    }

    /** The lexicon school to lint against ({@code jung} or {@code freud}), overriding the analyst's. */
    public Builder fidelitySchool(String value) {
      this.fidelitySchool = value;
      return this;
    }

    /** Overrides the model's per-example token limit; null for the model's. */
    public Builder maxTokensPerExample(Integer value) {
      this.maxTokensPerExample = value;
      return this;
    }

    /** How many problems the report keeps (default 1,000); the rest are counted. */
    public Builder maxProblems(int value) {
      this.maxProblems = value;
      return this;
    }

    /** The options. */
    public ValidationOptions build() {
      return new ValidationOptions(
          baseModel,
          epochs,
          Optional.ofNullable(analyst),
          priceTable,
          fidelityLint,
          Optional.ofNullable(fidelitySchool),
          Optional.ofNullable(maxTokensPerExample),
          maxProblems);
    }
  }
}
