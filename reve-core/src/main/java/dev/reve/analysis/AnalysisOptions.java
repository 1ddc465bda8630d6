package dev.reve.analysis;

import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.models.ModelCatalog;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sampling and request settings for one analysis. The defaults suit the task: temperature 0.8, and
 * room for a full answer (the analysts are asked for 300 to 500 words, the training answers have
 * 368 to 462; 1,200 tokens hold about 650 English words with margin).
 *
 * <p>The same options work on reasoning models (docs/reasoning-models.md): what the model's
 * capabilities say it refuses (such as {@code temperature}) is not sent unless marked
 * {@linkplain Builder#require required}, {@code reasoning_effort} defaults to the model's first
 * listed effort, and the completion budget sent is {@code maxCompletionTokens} plus {@code
 * reasoningBudget}, because reasoning tokens are spent out of the same bound.
 *
 * <pre>{@code
 * AnalysisOptions precise = AnalysisOptions.builder().temperature(0.3).seed(7).build();
 * }</pre>
 *
 * @param temperature sampling temperature; empty sends none (some reasoning models accept none)
 * @param maxCompletionTokens upper bound on generated tokens ({@code max_completion_tokens})
 * @param topP nucleus sampling mass, if set
 * @param seed best-effort deterministic sampling, if set
 * @param safetyIdentifier a stable, hashed id of the end user, if set
 * @param legacyMaxTokens send the bound as {@code max_tokens} instead, for OpenAI-compatible
 *     servers that read only the older name (OpenAI's reasoning models reject it)
 * @param requestOptions timeouts and retries for this call
 * @param reasoningEffort {@code reasoning_effort} for reasoning models; empty takes the model's
 *     default from its capabilities
 * @param verbosity {@code verbosity} for models that accept it, if set
 * @param reasoningBudget tokens added to the bound for a reasoning model's hidden reasoning
 * @param requiredParameters wire names ({@code temperature}, {@code reasoning_effort}, ...) that
 *     are sent whatever the capabilities say and never dropped after a 400
 */
public record AnalysisOptions(
    Optional<Double> temperature,
    int maxCompletionTokens,
    Optional<Double> topP,
    Optional<Long> seed,
    Optional<String> safetyIdentifier,
    boolean legacyMaxTokens,
    RequestOptions requestOptions,
    Optional<String> reasoningEffort,
    Optional<String> verbosity,
    int reasoningBudget,
    Set<String> requiredParameters) {

  /** Default temperature of an analysis. */
  public static final double DEFAULT_TEMPERATURE = 0.8;

  /** Default token limit of an analysis. */
  public static final int DEFAULT_MAX_COMPLETION_TOKENS = 1200;

  /**
   * Default reasoning allowance: low effort on a 300 to 500 word reading spends one to three
   * thousand reasoning tokens; 6,000 leaves room for a long dream and a medium effort.
   */
  public static final int DEFAULT_REASONING_BUDGET = 6000;

  /** The parameters {@link Builder#require} accepts. */
  public static final Set<String> PARAMETERS =
      Set.of("temperature", "top_p", "seed", "safety_identifier", "reasoning_effort", "verbosity",
          "max_completion_tokens", "max_tokens");

  /** The defaults for an analysis. */
  public static final AnalysisOptions DEFAULT = builder().build();

  /** The defaults for a structured interpretation: cooler sampling, a short reply. */
  public static final AnalysisOptions INTERPRETATION_DEFAULT =
      builder().temperature(0.3).maxCompletionTokens(600).build();

  /** Validates and normalises. */
  public AnalysisOptions {
    temperature = temperature == null ? Optional.empty() : temperature;
    topP = topP == null ? Optional.empty() : topP;
    seed = seed == null ? Optional.empty() : seed;
    safetyIdentifier =
        safetyIdentifier == null ? Optional.empty() : safetyIdentifier.filter(s -> !s.isBlank());
    requestOptions = requestOptions == null ? RequestOptions.NONE : requestOptions;
    reasoningEffort = reasoningEffort == null ? Optional.empty() : reasoningEffort;
    verbosity = verbosity == null ? Optional.empty() : verbosity;
    requiredParameters = requiredParameters == null ? Set.of() : Set.copyOf(requiredParameters);
    reasoningEffort.ifPresent(v -> requireOneOf("reasoningEffort", v, ChatRequest.REASONING_EFFORTS));
    verbosity.ifPresent(v -> requireOneOf("verbosity", v, ChatRequest.VERBOSITIES));
    for (String p : requiredParameters) {
      if (!PARAMETERS.contains(p)) {
        throw new IllegalArgumentException(
            "cannot require '" + p + "'; the parameters an analysis sends are " + new TreeSet<>(PARAMETERS));
      }
    }
    if (reasoningBudget < 0) {
      throw new IllegalArgumentException("reasoningBudget must not be negative, was " + reasoningBudget);
    }
    temperature.ifPresent(
        t -> {
          if (t < 0 || t > 2) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, was " + t);
          }
        });
    topP.ifPresent(
        p -> {
          if (p < 0 || p > 1) {
            throw new IllegalArgumentException("top_p must be between 0 and 1, was " + p);
          }
        });
    if (maxCompletionTokens < 1) {
      throw new IllegalArgumentException(
          "maxCompletionTokens must be positive, was " + maxCompletionTokens);
    }
  }

  /** Whether the caller marked {@code wireName} as required. */
  public boolean requires(String wireName) {
    return requiredParameters.contains(wireName);
  }

  private static void requireOneOf(String name, String value, java.util.List<String> allowed) {
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(name + " must be one of " + allowed + ", was '" + value + "'");
    }
  }

  /**
   * The chat request these options make for {@code model} and {@code messages}: the one mapping
   * of sampling and limits onto the wire, shaped by the model's row in the built-in capabilities
   * table (what a reasoning model refuses is left out, the budget covers its reasoning, the
   * instructions take its role), as every analysis path and evaluation run sends it.
   */
  public ChatRequest toRequest(String model, List<ChatMessage> messages) {
    return ModelRequests.build(
        model, ModelCatalog.builtIn().capabilities(model), messages, this, null, Set.of());
  }

  /** A builder with the analysis defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.temperature = temperature.orElse(null);
    b.maxCompletionTokens = maxCompletionTokens;
    b.topP = topP.orElse(null);
    b.seed = seed.orElse(null);
    b.safetyIdentifier = safetyIdentifier.orElse(null);
    b.legacyMaxTokens = legacyMaxTokens;
    b.requestOptions = requestOptions;
    b.reasoningEffort = reasoningEffort.orElse(null);
    b.verbosity = verbosity.orElse(null);
    b.reasoningBudget = reasoningBudget;
    b.required.addAll(requiredParameters);
    return b;
  }

  /** Builds {@link AnalysisOptions}. */
  public static final class Builder {
    private Double temperature = DEFAULT_TEMPERATURE;
    private int maxCompletionTokens = DEFAULT_MAX_COMPLETION_TOKENS;
    private Double topP;
    private Long seed;
    private String safetyIdentifier;
    private boolean legacyMaxTokens;
    private RequestOptions requestOptions = RequestOptions.NONE;
    private String reasoningEffort;
    private String verbosity;
    private int reasoningBudget = DEFAULT_REASONING_BUDGET;
    private final Set<String> required = new LinkedHashSet<>();

    private Builder() {}

    /**
     * {@code reasoning_effort} for reasoning models ({@code none}, {@code minimal}, {@code low},
     * {@code medium}, {@code high}, {@code xhigh}, {@code max}); not sent to other models.
     */
    public Builder reasoningEffort(String value) {
      this.reasoningEffort = value;
      return this;
    }

    /** {@code verbosity} ({@code low}, {@code medium}, {@code high}) for models that accept it. */
    public Builder verbosity(String value) {
      this.verbosity = value;
      return this;
    }

    /** Tokens added to the bound for a reasoning model's hidden reasoning (0 for none). */
    public Builder reasoningBudget(int value) {
      this.reasoningBudget = value;
      return this;
    }

    /**
     * Marks parameters (wire names such as {@code temperature}) as required: always sent when
     * set, never dropped when a server refuses them; the refusal is then the error.
     */
    public Builder require(String... wireNames) {
      required.addAll(Arrays.asList(wireNames));
      return this;
    }

    /** Sampling temperature, 0 to 2. */
    public Builder temperature(double value) {
      this.temperature = value;
      return this;
    }

    /** Sends no temperature, for models that accept only their own. */
    public Builder noTemperature() {
      this.temperature = null;
      return this;
    }

    /** Upper bound on generated tokens; an answer that reaches it is marked truncated. */
    public Builder maxCompletionTokens(int value) {
      this.maxCompletionTokens = value;
      return this;
    }

    /** Nucleus sampling mass, 0 to 1. */
    public Builder topP(double value) {
      this.topP = value;
      return this;
    }

    /** Seed for best-effort deterministic sampling. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** A stable, hashed id of the end user, for the provider's abuse detection. */
    public Builder safetyIdentifier(String value) {
      this.safetyIdentifier = value;
      return this;
    }

    /** Send the bound as {@code max_tokens}, for servers that do not read the newer name. */
    public Builder legacyMaxTokens(boolean value) {
      this.legacyMaxTokens = value;
      return this;
    }

    /** Timeouts and retries for the call. */
    public Builder requestOptions(RequestOptions value) {
      this.requestOptions = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Builds the options. */
    public AnalysisOptions build() {
      return new AnalysisOptions(
          Optional.ofNullable(temperature),
          maxCompletionTokens,
          Optional.ofNullable(topP),
          Optional.ofNullable(seed),
          Optional.ofNullable(safetyIdentifier),
          legacyMaxTokens,
          requestOptions,
          Optional.ofNullable(reasoningEffort),
          Optional.ofNullable(verbosity),
          reasoningBudget,
          required);
    }
  }
}
