package dev.reve.analysis;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One analyst's requests, fixed at one model choice, for callers that send them another way than
 * one at a time (the Batch API): {@link #request} is byte for byte what {@link DreamAnalyst#analyze}
 * sends for the dream (same limits check, {@link PromptBuilder}, model and sampling), and {@link
 * #analysis} reads an answer as a single call does. From {@link DreamAnalysts#requests}.
 */
public final class AnalystRequests {
  private final AnalystProfile profile;
  private final ModelChoice choice;
  private final AnalysisOptions options;
  private final DreamLimits limits;
  private final OpenAiClient client;

  AnalystRequests(
      AnalystProfile profile, ModelChoice choice, AnalysisOptions options, DreamLimits limits, OpenAiClient client) {
    this.profile = profile;
    this.choice = choice;
    this.options = options;
    this.limits = limits;
    this.client = client;
  }

  /** The analyst. */
  public AnalystProfile analyst() {
    return profile;
  }

  /** The model choice every request of this object uses. */
  public ModelChoice choice() {
    return choice;
  }

  /** The options every request of this object uses. */
  public AnalysisOptions options() {
    return options;
  }

  /**
   * The client serving {@link #choice()}: the main one, or the one derived for the analyst's own
   * endpoint (owned by the {@link DreamAnalysts}; do not close it).
   */
  public OpenAiClient client() {
    return client;
  }

  /**
   * The chat request a single analysis of {@code dream} sends.
   *
   * @throws InvalidDreamException when the dream breaks a limit
   */
  public ChatRequest request(Dream dream) {
    Dream checked = limits.check(Objects.requireNonNull(dream, "dream"));
    return FallbackChat.request(choice.model(), PromptBuilder.messages(profile, checked), options, null);
  }

  /** The analysis an answer to {@link #request} makes, as for a single call. */
  public Analysis analysis(ChatCompletion completion, Optional<String> requestId, Duration latency) {
    Objects.requireNonNull(completion, "completion");
    return Analysis.of(
        profile.id(), completion, choice.model(), choice.configured(), choice.source(), false, requestId, latency);
  }

  @Override
  public String toString() {
    return "AnalystRequests{" + profile.id() + ", " + choice + "}";
  }
}
