package dev.reve.analysis;

import dev.reve.openai.call.Cancellation;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.Usage;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One analyst's analysis of one dream: check the dream, build the prompt, ask, record. */
final class AnalysisEngine {
  private static final Logger LOG = LoggerFactory.getLogger(DreamAnalysts.class);

  private final DreamLimits limits;
  private final AnalysisOptions defaults;
  private final CheckedResolver resolver;
  private final FallbackChat chat;
  private final AnalysisExecutor executor;

  AnalysisEngine(
      DreamLimits limits, AnalysisOptions defaults, CheckedResolver resolver, FallbackChat chat,
      AnalysisExecutor executor) {
    this.limits = limits;
    this.defaults = defaults;
    this.resolver = resolver;
    this.chat = chat;
    this.executor = executor;
  }

  DreamLimits limits() {
    return limits;
  }

  AnalysisOptions defaultOptions() {
    return defaults;
  }

  ModelChoice modelChoice(AnalystProfile profile) {
    return resolver.resolve(profile);
  }

  <T> CompletableFuture<T> async(java.util.function.Function<Cancellation, T> work) {
    return executor.async(work);
  }

  CompletableFuture<Analysis> analyzeAsync(
      AnalystProfile profile, Dream dream, AnalysisOptions options, Consumer<String> onText) {
    return executor.async(cancel -> analyze(profile, dream, options, onText, cancel));
  }

  Analysis analyze(
      AnalystProfile profile, Dream dream, AnalysisOptions options, Consumer<String> onText, Cancellation cancel) {
    Dream checked = limits.check(Objects.requireNonNull(dream, "dream"));
    return send(profile, PromptBuilder.messages(profile, checked), options, onText, cancel);
  }

  /** Sends messages built by {@link PromptBuilder} (one turn or a conversation) and records the answer. */
  Analysis send(
      AnalystProfile profile,
      java.util.List<dev.reve.openai.chat.ChatMessage> messages,
      AnalysisOptions options,
      Consumer<String> onText,
      Cancellation cancel) {
    Objects.requireNonNull(options, "options");
    long started = System.nanoTime();
    FallbackChat.Answer answer = chat.complete(profile, messages, options, null, onText, cancel);
    Analysis analysis =
        Analysis.of(profile.id(), answer.completion(), answer.model(), answer.configured(), answer.source(), answer.fellBack(),
            answer.completion().requestId(), Duration.ofNanos(System.nanoTime() - started));
    LOG.debug(
        "analysis by {}: {} from {}{} ({} completion tokens, {} ms)",
        profile.id(),
        analysis.status(),
        analysis.model(),
        analysis.fellBack() ? " after fallback" : "",
        analysis.usage().completionTokens(),
        analysis.latency().toMillis());
    return analysis;
  }
}
