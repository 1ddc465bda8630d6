package dev.reve.openai.models;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a model family accepts and costs: one row of {@link ModelCatalog}.
 *
 * @param model the row's id (for fine-tunable models, the dated id that training prices name)
 * @param aliases other ids of the family, such as {@code gpt-4o}
 * @param known false for {@link #unknown(String)}: nothing is known, everything asked is sent
 * @param reasoning whether the model spends hidden reasoning tokens out of the completion budget
 * @param refusedParameters request parameters (wire names) the model answers 400 to
 * @param reasoningEfforts the {@code reasoning_effort} values it accepts, the default first
 * @param verbosity whether it accepts {@code verbosity}
 * @param instructionRole the role of the instructions: {@code system} or {@code developer}
 * @param contextWindow the context window in tokens, if known
 * @param maxOutputTokens the largest completion (reasoning included), if known
 * @param shutdownDate the announced shutdown of the family and its fine-tunes, if any
 * @param trainingUsdPerMillionTokens supervised fine-tuning price, if the model can be fine-tuned
 * @param fineTunedUseMultiplier what a fine-tune costs to use relative to the base, if known
 * @param maxTrainingExampleTokens the largest training example, if the model can be fine-tuned
 * @param price the list price of a request sent alone (input, cached input, output), if known
 * @param batchFactor what a line of the Batch API costs as a multiple of {@code price}, if known
 */
public record ModelCapabilities(
    String model,
    List<String> aliases,
    boolean known,
    boolean reasoning,
    Set<String> refusedParameters,
    List<String> reasoningEfforts,
    boolean verbosity,
    String instructionRole,
    Optional<Integer> contextWindow,
    Optional<Integer> maxOutputTokens,
    Optional<LocalDate> shutdownDate,
    Optional<BigDecimal> trainingUsdPerMillionTokens,
    Optional<BigDecimal> fineTunedUseMultiplier,
    Optional<Integer> maxTrainingExampleTokens,
    Optional<TokenPrice> price,
    Optional<BigDecimal> batchFactor) {

  /** Checks and copies. */
  public ModelCapabilities {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("a capabilities row needs a model id");
    }
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    refusedParameters = refusedParameters == null ? Set.of() : Set.copyOf(refusedParameters);
    reasoningEfforts = reasoningEfforts == null ? List.of() : List.copyOf(reasoningEfforts);
    instructionRole = instructionRole == null ? "system" : instructionRole;
    if (!instructionRole.equals("system") && !instructionRole.equals("developer")) {
      throw new IllegalArgumentException(
          "the instruction role of " + model + " must be system or developer, was " + instructionRole);
    }
    contextWindow = orEmpty(contextWindow);
    maxOutputTokens = orEmpty(maxOutputTokens);
    shutdownDate = orEmpty(shutdownDate);
    trainingUsdPerMillionTokens = orEmpty(trainingUsdPerMillionTokens);
    fineTunedUseMultiplier = orEmpty(fineTunedUseMultiplier);
    maxTrainingExampleTokens = orEmpty(maxTrainingExampleTokens);
    price = orEmpty(price);
    batchFactor = orEmpty(batchFactor);
    if (batchFactor.map(BigDecimal::signum).orElse(1) <= 0) {
      throw new IllegalArgumentException("the batch factor of " + model + " must be positive");
    }
  }

  /**
   * A model no row names: not treated as a reasoning model, instructions as {@code system}, every
   * parameter the caller asks for is sent (a 400 naming one is then adapted to).
   */
  public static ModelCapabilities unknown(String model) {
    return new ModelCapabilities(
        model, List.of(), false, false, Set.of(), List.of(), false, "system", null, null, null,
        null, null, null, null, null);
  }

  /** A reasoning family with the usual refusals, for code that adds a row. */
  public static ModelCapabilities reasoningModel(String model, List<String> efforts, boolean verbosity) {
    return new ModelCapabilities(
        model, List.of(), true, true, Set.of("temperature", "top_p", "max_tokens"), efforts,
        verbosity, "developer", null, null, null, null, null, null, null, null);
  }

  /** Whether the model accepts the request parameter {@code wireName} as far as is known. */
  public boolean accepts(String wireName) {
    return !refusedParameters.contains(wireName);
  }

  /** The default {@code reasoning_effort}, when the model takes one. */
  public Optional<String> defaultReasoningEffort() {
    return reasoningEfforts.stream().findFirst();
  }

  /** Whether a fine-tuning price is known, that is, whether the model can be fine-tuned. */
  public boolean fineTunable() {
    return trainingUsdPerMillionTokens.isPresent();
  }

  /** The same row under another shutdown date, for example one a server announced. */
  public ModelCapabilities withShutdownDate(LocalDate date) {
    return new ModelCapabilities(
        model, aliases, known, reasoning, refusedParameters, reasoningEfforts, verbosity,
        instructionRole, contextWindow, maxOutputTokens, Optional.ofNullable(date),
        trainingUsdPerMillionTokens, fineTunedUseMultiplier, maxTrainingExampleTokens, price, batchFactor);
  }

  /**
   * The same row with this list price and batch factor (either may be null for unknown), for code
   * that prices a model the table does not, such as a local one.
   */
  public ModelCapabilities withPrice(TokenPrice listPrice, BigDecimal batch) {
    return new ModelCapabilities(
        model, aliases, known, reasoning, refusedParameters, reasoningEfforts, verbosity,
        instructionRole, contextWindow, maxOutputTokens, shutdownDate, trainingUsdPerMillionTokens,
        fineTunedUseMultiplier, maxTrainingExampleTokens, Optional.ofNullable(listPrice), Optional.ofNullable(batch));
  }

  private static <T> Optional<T> orEmpty(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }
}
