package dev.reve.analysis;

import dev.reve.openai.call.Cancellation;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One analyst, such as Jung or Freud, ready to read dreams. Obtain one from {@link
 * DreamAnalysts#analyst(String)}. Thread-safe and cheap; it resolves its model before every
 * request, so a changed models file is picked up.
 *
 * <pre>{@code
 * DreamAnalyst jung = analysts.analyst("jung");
 * Analysis analysis = jung.analyze(Dream.of("A wolf followed me through deep snow."));
 * if (analysis.isComplete()) store(analysis.text());
 * }</pre>
 *
 * <p>Every path sends the same messages ({@link PromptBuilder}): the analyst's system prompt and
 * the dream, to the fine-tuned model when one is configured and to the base model otherwise. When a
 * configured model answers 404 the analyst answers from the base model and says so ({@link
 * Analysis#fellBack()}).
 */
public final class DreamAnalyst {
  private final AnalysisEngine owner;
  private final AnalystProfile profile;

  DreamAnalyst(AnalysisEngine owner, AnalystProfile profile) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  /** Who this analyst is, system prompt included. */
  public AnalystProfile profile() {
    return profile;
  }

  /** The analyst's id, such as {@code jung}. */
  public String id() {
    return profile.id();
  }

  /** Which model would answer now, and why. */
  public ModelChoice modelChoice() {
    return owner.modelChoice(profile);
  }

  /** {@link #analyze(Dream, AnalysisOptions)} with the default options. */
  public Analysis analyze(Dream dream) {
    return analyze(dream, owner.defaultOptions());
  }

  /**
   * Analyses the dream, blocking until the answer is complete.
   *
   * @throws InvalidDreamException when the dream breaks a limit (before any request)
   * @throws ModelUnavailableException when the base model itself is gone
   * @throws dev.reve.openai.error.OpenAiException for any other failure (nothing is swallowed)
   */
  public Analysis analyze(Dream dream, AnalysisOptions options) {
    return owner.analyze(profile, dream, options, null, Cancellation.none());
  }

  /** {@link #analyzeAsync(Dream, AnalysisOptions)} with the default options. */
  public CompletableFuture<Analysis> analyzeAsync(Dream dream) {
    return analyzeAsync(dream, owner.defaultOptions());
  }

  /**
   * {@link #analyze(Dream, AnalysisOptions)} without blocking. Failures, invalid dreams included,
   * complete the future exceptionally; cancelling it cancels the HTTP call.
   */
  public CompletableFuture<Analysis> analyzeAsync(Dream dream, AnalysisOptions options) {
    return owner.analyzeAsync(profile, dream, options, null);
  }

  /** {@link #stream(Dream, AnalysisOptions, Consumer)} with the default options. */
  public Analysis stream(Dream dream, Consumer<String> onText) {
    return stream(dream, owner.defaultOptions(), onText);
  }

  /**
   * Analyses the dream as a stream: {@code onText} receives each piece of text as it arrives, on
   * the thread reading the stream; the assembled analysis (with usage) is returned at the end.
   *
   * @throws dev.reve.openai.error.StreamException when the stream fails or ends early
   */
  public Analysis stream(Dream dream, AnalysisOptions options, Consumer<String> onText) {
    Objects.requireNonNull(onText, "onText");
    return owner.analyze(profile, dream, options, onText, Cancellation.none());
  }

  /** {@link #stream(Dream, Consumer)} without blocking. */
  public CompletableFuture<Analysis> streamAsync(Dream dream, Consumer<String> onText) {
    return streamAsync(dream, owner.defaultOptions(), onText);
  }

  /** {@link #stream(Dream, AnalysisOptions, Consumer)} without blocking. */
  public CompletableFuture<Analysis> streamAsync(
      Dream dream, AnalysisOptions options, Consumer<String> onText) {
    Objects.requireNonNull(onText, "onText");
    return owner.analyzeAsync(profile, dream, options, onText);
  }

  /** {@link #session(Dream, SessionOptions)} with the default options, no series and the default budget. */
  public AnalysisSession session(Dream dream) {
    return session(dream, SessionOptions.builder(owner.defaultOptions()).build());
  }

  /**
   * A new conversation about {@code dream}; no request is made until {@link
   * AnalysisSession#begin()}.
   *
   * @throws InvalidDreamException when the dream breaks a limit
   */
  public AnalysisSession session(Dream dream, SessionOptions options) {
    Objects.requireNonNull(dream, "dream");
    Objects.requireNonNull(options, "options");
    SessionTranscript empty = new SessionTranscript(
        profile.id(), dream, options.series(), options.clock().instant(), java.util.List.of());
    return new AnalysisSession(owner, profile, empty, options);
  }

  /** {@link #resume(SessionTranscript, SessionOptions)} with the default options and budget. */
  public AnalysisSession resume(SessionTranscript transcript) {
    return resume(transcript, SessionOptions.builder(owner.defaultOptions()).build());
  }

  /**
   * Continues a stored conversation with this analyst; the series comes from the transcript
   * ({@code options.series()} is not used).
   *
   * @throws IllegalArgumentException when the transcript belongs to another analyst
   */
  public AnalysisSession resume(SessionTranscript transcript, SessionOptions options) {
    return new AnalysisSession(owner, profile, transcript, options);
  }

  @Override
  public String toString() {
    return "DreamAnalyst{" + profile.id() + "}";
  }
}
