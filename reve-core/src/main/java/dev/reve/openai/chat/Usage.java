package dev.reve.openai.chat;

import com.squareup.moshi.Json;
import java.util.Optional;

/**
 * Token usage of a completion; absent counts read as zero.
 *
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated
 * @param totalTokens both
 * @param promptTokensDetails cached and audio prompt tokens
 * @param completionTokensDetails reasoning, audio and prediction tokens
 */
public record Usage(
    @Json(name = "prompt_tokens") Integer promptTokens,
    @Json(name = "completion_tokens") Integer completionTokens,
    @Json(name = "total_tokens") Integer totalTokens,
    @Json(name = "prompt_tokens_details") Optional<PromptTokensDetails> promptTokensDetails,
    @Json(name = "completion_tokens_details")
        Optional<CompletionTokensDetails> completionTokensDetails) {

  /** No tokens. */
  public static final Usage NONE = new Usage(0, 0, 0, Optional.empty(), Optional.empty());

  /** Normalises absent values. */
  public Usage {
    promptTokens = promptTokens == null ? 0 : promptTokens;
    completionTokens = completionTokens == null ? 0 : completionTokens;
    totalTokens = totalTokens == null ? promptTokens + completionTokens : totalTokens;
    promptTokensDetails = promptTokensDetails == null ? Optional.empty() : promptTokensDetails;
    completionTokensDetails =
        completionTokensDetails == null ? Optional.empty() : completionTokensDetails;
  }

  /** Plain counts without details. */
  public static Usage of(int prompt, int completion) {
    return new Usage(prompt, completion, prompt + completion, Optional.empty(), Optional.empty());
  }

  /** Tokens the model spent reasoning (hidden, but billed and counted in the completion). */
  public int reasoningTokens() {
    return completionTokensDetails.map(CompletionTokensDetails::reasoningTokens).orElse(0);
  }

  /** Both usages added together (details dropped, but for the reasoning tokens). */
  public Usage plus(Usage other) {
    int prompt = promptTokens + other.promptTokens;
    int completion = completionTokens + other.completionTokens;
    int reasoning = reasoningTokens() + other.reasoningTokens();
    if (reasoning == 0) {
      return of(prompt, completion);
    }
    return new Usage(prompt, completion, prompt + completion, Optional.empty(),
        Optional.of(new CompletionTokensDetails(reasoning, 0, 0, 0)));
  }

  /**
   * Prompt token details.
   *
   * @param cachedTokens prompt tokens served from cache
   * @param audioTokens audio prompt tokens
   */
  public record PromptTokensDetails(
      @Json(name = "cached_tokens") Integer cachedTokens,
      @Json(name = "audio_tokens") Integer audioTokens) {
    /** Normalises absent values to zero. */
    public PromptTokensDetails {
      cachedTokens = cachedTokens == null ? 0 : cachedTokens;
      audioTokens = audioTokens == null ? 0 : audioTokens;
    }
  }

  /**
   * Completion token details.
   *
   * @param reasoningTokens tokens spent reasoning
   * @param audioTokens audio tokens generated
   * @param acceptedPredictionTokens predicted tokens that appeared
   * @param rejectedPredictionTokens predicted tokens that did not
   */
  public record CompletionTokensDetails(
      @Json(name = "reasoning_tokens") Integer reasoningTokens,
      @Json(name = "audio_tokens") Integer audioTokens,
      @Json(name = "accepted_prediction_tokens") Integer acceptedPredictionTokens,
      @Json(name = "rejected_prediction_tokens") Integer rejectedPredictionTokens) {
    /** Normalises absent values to zero. */
    public CompletionTokensDetails {
      reasoningTokens = reasoningTokens == null ? 0 : reasoningTokens;
      audioTokens = audioTokens == null ? 0 : audioTokens;
      acceptedPredictionTokens = acceptedPredictionTokens == null ? 0 : acceptedPredictionTokens;
      rejectedPredictionTokens = rejectedPredictionTokens == null ? 0 : rejectedPredictionTokens;
    }
  }
}
