package dev.reve.analysis;

import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sampling and request settings for one analysis. The defaults suit the task: temperature 0.8, and
 * room for a full answer (the analysts are asked for 300 to 500 words, the training answers have
 * 368 to 462; 1,200 tokens hold about 650 English words with margin).
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
 */
public record AnalysisOptions(
    Optional<Double> temperature,
    int maxCompletionTokens,
    Optional<Double> topP,
    Optional<Long> seed,
    Optional<String> safetyIdentifier,
    boolean legacyMaxTokens,
    RequestOptions requestOptions) {

  /** Default temperature of an analysis. */
  public static final double DEFAULT_TEMPERATURE = 0.8;

  /** Default token limit of an analysis. */
  public static final int DEFAULT_MAX_COMPLETION_TOKENS = 1200;

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

  /**
   * The chat request these options make for {@code model} and {@code messages}: the one mapping
   * of sampling and limits onto the wire, used by every analysis path and by evaluation runs.
   */
  public ChatRequest toRequest(String model, List<ChatMessage> messages) {
    ChatRequest.Builder b = ChatRequest.builder().model(model).messages(messages);
    if (legacyMaxTokens) {
      b.maxTokens(maxCompletionTokens);
    } else {
      b.maxCompletionTokens(maxCompletionTokens);
    }
    temperature.ifPresent(b::temperature);
    topP.ifPresent(b::topP);
    seed.ifPresent(b::seed);
    safetyIdentifier.ifPresent(b::safetyIdentifier);
    return b.build();
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

    private Builder() {}

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
          requestOptions);
    }
  }
}
