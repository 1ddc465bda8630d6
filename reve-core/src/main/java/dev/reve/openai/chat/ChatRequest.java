package dev.reve.openai.chat;

import com.squareup.moshi.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat completion request. Build one with {@link #builder()}; empty optionals are not sent.
 *
 * @param model the model id
 * @param messages the conversation so far
 * @param temperature sampling temperature, 0 to 2
 * @param topP nucleus sampling mass
 * @param maxCompletionTokens upper bound on generated tokens
 * @param maxTokens the older name of the bound, which some OpenAI-compatible servers still read
 * @param stop up to four stop sequences
 * @param seed best-effort deterministic sampling
 * @param metadata up to 16 key-value pairs stored with the completion
 * @param store whether OpenAI stores the completion
 * @param safetyIdentifier a stable, hashed id of the end user for abuse detection
 * @param responseFormat text, JSON object or JSON schema
 * @param reasoningEffort how hard a reasoning model thinks ({@code none}, {@code minimal}, {@code
 *     low}, {@code medium}, {@code high}, {@code xhigh}, {@code max}; models accept a subset)
 * @param verbosity how long a model that supports it answers ({@code low}, {@code medium}, {@code
 *     high})
 * @param stream set by the client for streaming calls
 * @param streamOptions set by the client for streaming calls
 */
public record ChatRequest(
    String model,
    List<ChatMessage> messages,
    Optional<Double> temperature,
    @Json(name = "top_p") Optional<Double> topP,
    @Json(name = "max_completion_tokens") Optional<Integer> maxCompletionTokens,
    @Json(name = "max_tokens") Optional<Integer> maxTokens,
    Optional<List<String>> stop,
    Optional<Long> seed,
    Optional<Map<String, String>> metadata,
    Optional<Boolean> store,
    @Json(name = "safety_identifier") Optional<String> safetyIdentifier,
    @Json(name = "response_format") Optional<ResponseFormat> responseFormat,
    @Json(name = "reasoning_effort") Optional<String> reasoningEffort,
    Optional<String> verbosity,
    Optional<Boolean> stream,
    @Json(name = "stream_options") Optional<StreamOptions> streamOptions) {

  /** Validates and copies. */
  public ChatRequest {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    temperature = orEmpty(temperature);
    topP = orEmpty(topP);
    maxCompletionTokens = orEmpty(maxCompletionTokens);
    maxTokens = orEmpty(maxTokens);
    stop = orEmpty(stop).map(List::copyOf);
    seed = orEmpty(seed);
    metadata = orEmpty(metadata).map(Map::copyOf);
    store = orEmpty(store);
    safetyIdentifier = orEmpty(safetyIdentifier);
    responseFormat = orEmpty(responseFormat);
    reasoningEffort = orEmpty(reasoningEffort).filter(v -> !v.isBlank());
    verbosity = orEmpty(verbosity).filter(v -> !v.isBlank());
    stream = orEmpty(stream);
    streamOptions = orEmpty(streamOptions);
  }

  /** The values of {@code reasoning_effort} OpenAI's API description lists. */
  public static final List<String> REASONING_EFFORTS =
      List.of("none", "minimal", "low", "medium", "high", "xhigh", "max");

  /** The values of {@code verbosity}. */
  public static final List<String> VERBOSITIES = List.of("low", "medium", "high");

  static String requireOneOf(String name, String value, List<String> allowed) {
    Objects.requireNonNull(value, name);
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(name + " must be one of " + allowed + ", was '" + value + "'");
    }
    return value;
  }

  private static <T> Optional<T> orEmpty(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.messages.addAll(messages);
    b.temperature = temperature.orElse(null);
    b.topP = topP.orElse(null);
    b.maxCompletionTokens = maxCompletionTokens.orElse(null);
    b.maxTokens = maxTokens.orElse(null);
    b.stop = stop.orElse(null);
    b.seed = seed.orElse(null);
    b.metadata = metadata.orElse(null);
    b.store = store.orElse(null);
    b.safetyIdentifier = safetyIdentifier.orElse(null);
    b.responseFormat = responseFormat.orElse(null);
    b.reasoningEffort = reasoningEffort.orElse(null);
    b.verbosity = verbosity.orElse(null);
    return b;
  }

  /** This request marked for streaming, with the final usage chunk requested. */
  public ChatRequest asStream() {
    return new ChatRequest(
        model, messages, temperature, topP, maxCompletionTokens, maxTokens, stop, seed, metadata,
        store, safetyIdentifier, responseFormat, reasoningEffort, verbosity, Optional.of(true),
        Optional.of(new StreamOptions(true)));
  }

  /**
   * {@code stream_options}.
   *
   * @param includeUsage ask for a last chunk carrying token usage
   */
  public record StreamOptions(@Json(name = "include_usage") boolean includeUsage) {}

  /** Builds a {@link ChatRequest}. */
  public static final class Builder {
    private String model;
    private final List<ChatMessage> messages = new ArrayList<>();
    private Double temperature;
    private Double topP;
    private Integer maxCompletionTokens;
    private Integer maxTokens;
    private List<String> stop;
    private Long seed;
    private Map<String, String> metadata;
    private Boolean store;
    private String safetyIdentifier;
    private ResponseFormat responseFormat;
    private String reasoningEffort;
    private String verbosity;

    private Builder() {}

    /** The model id. */
    public Builder model(String value) {
      this.model = value;
      return this;
    }

    /** Replaces the messages. */
    public Builder messages(List<ChatMessage> values) {
      messages.clear();
      messages.addAll(values);
      return this;
    }

    /** Appends a message. */
    public Builder addMessage(ChatMessage message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Sampling temperature, 0 to 2. */
    public Builder temperature(double value) {
      if (value < 0 || value > 2) {
        throw new IllegalArgumentException("temperature must be between 0 and 2, was " + value);
      }
      this.temperature = value;
      return this;
    }

    /** Nucleus sampling mass, 0 to 1. */
    public Builder topP(double value) {
      if (value < 0 || value > 1) {
        throw new IllegalArgumentException("top_p must be between 0 and 1, was " + value);
      }
      this.topP = value;
      return this;
    }

    /** Upper bound on generated tokens. */
    public Builder maxCompletionTokens(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("max_completion_tokens must be positive, was " + value);
      }
      this.maxCompletionTokens = value;
      return this;
    }

    /** The older {@code max_tokens} bound, for servers that do not read the newer name. */
    public Builder maxTokens(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("max_tokens must be positive, was " + value);
      }
      this.maxTokens = value;
      return this;
    }

    /** Up to four stop sequences. */
    public Builder stop(List<String> values) {
      if (values.size() > 4) {
        throw new IllegalArgumentException("at most 4 stop sequences, got " + values.size());
      }
      this.stop = List.copyOf(values);
      return this;
    }

    /** Seed for best-effort deterministic sampling. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Metadata stored with the completion (at most 16 pairs). */
    public Builder metadata(Map<String, String> values) {
      if (values.size() > 16) {
        throw new IllegalArgumentException("at most 16 metadata pairs, got " + values.size());
      }
      this.metadata = Map.copyOf(values);
      return this;
    }

    /** Whether OpenAI stores the completion. */
    public Builder store(boolean value) {
      this.store = value;
      return this;
    }

    /** A stable, hashed id of the end user. */
    public Builder safetyIdentifier(String value) {
      this.safetyIdentifier = value;
      return this;
    }

    /** The response format. */
    public Builder responseFormat(ResponseFormat value) {
      this.responseFormat = value;
      return this;
    }

    /**
     * {@code reasoning_effort} for reasoning models: {@code none}, {@code minimal}, {@code low},
     * {@code medium}, {@code high}, {@code xhigh} or {@code max} (each model accepts a subset).
     */
    public Builder reasoningEffort(String value) {
      this.reasoningEffort = requireOneOf("reasoning_effort", value, REASONING_EFFORTS);
      return this;
    }

    /** {@code verbosity} for models that support it: {@code low}, {@code medium} or {@code high}. */
    public Builder verbosity(String value) {
      this.verbosity = requireOneOf("verbosity", value, VERBOSITIES);
      return this;
    }

    /** Builds the request. */
    public ChatRequest build() {
      return new ChatRequest(
          model,
          messages,
          Optional.ofNullable(temperature),
          Optional.ofNullable(topP),
          Optional.ofNullable(maxCompletionTokens),
          Optional.ofNullable(maxTokens),
          Optional.ofNullable(stop),
          Optional.ofNullable(seed),
          Optional.ofNullable(metadata),
          Optional.ofNullable(store),
          Optional.ofNullable(safetyIdentifier),
          Optional.ofNullable(responseFormat),
          Optional.ofNullable(reasoningEffort),
          Optional.ofNullable(verbosity),
          Optional.empty(),
          Optional.empty());
    }
  }
}
