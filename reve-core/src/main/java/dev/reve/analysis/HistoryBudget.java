package dev.reve.analysis;

import dev.reve.openai.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How many prompt tokens a conversation's request may take, and how they are counted. When the
 * whole history is over the budget the policy is, in order: leave out the earlier dreams of the
 * series, oldest first; then the oldest exchanges (an answer and the reply to it), oldest first.
 * The system prompt, the dream and the latest exchange always stay; if they alone are over the
 * budget the turn fails with {@link HistoryTooLongException} before any request. What was left
 * out is recorded in the turn ({@link SessionTurn#leftOut()}), never cut silently.
 *
 * @param maxPromptTokens the most prompt tokens a request may take; set it to the model's
 *     context window minus the answer's {@code maxCompletionTokens}, or lower to cap cost
 * @param estimator how tokens are counted
 */
public record HistoryBudget(int maxPromptTokens, TokenEstimator estimator) {
  /**
   * 120,000 estimated tokens: a 128,000-token context (gpt-4o, gpt-4o-mini, gpt-4.1 and most
   * served open models of that size) minus room for the answer.
   */
  public static final HistoryBudget DEFAULT = new HistoryBudget(120_000, TokenEstimator.estimate());

  /** Requires a positive budget and an estimator. */
  public HistoryBudget {
    if (maxPromptTokens < 1) {
      throw new IllegalArgumentException("maxPromptTokens must be positive; got " + maxPromptTokens);
    }
    Objects.requireNonNull(estimator, "estimator");
  }

  /** A budget of {@code maxPromptTokens} counted by the default estimate. */
  public static HistoryBudget of(int maxPromptTokens) {
    return new HistoryBudget(maxPromptTokens, TokenEstimator.estimate());
  }

  /** What was sent after applying the budget. */
  record Fit(List<ChatMessage> messages, int tokens, Optional<String> leftOut) {}

  /**
   * The request's messages within the budget.
   *
   * @param turns the answers and replies so far, alternating, ending with the new reply (so an
   *     even number)
   */
  Fit fit(AnalystProfile analyst, Dream dream, List<EarlierDream> series, List<String> turns) {
    List<EarlierDream> keptSeries = new ArrayList<>(series);
    List<String> keptTurns = new ArrayList<>(turns);
    List<ChatMessage> messages = PromptBuilder.conversation(analyst, dream, keptSeries, keptTurns);
    int full = estimator.countMessages(messages);
    int tokens = full;
    List<String> droppedDreams = new ArrayList<>();
    int droppedExchanges = 0;
    while (tokens > maxPromptTokens && (!keptSeries.isEmpty() || keptTurns.size() > 2)) {
      if (!keptSeries.isEmpty()) {
        droppedDreams.add(keptSeries.remove(0).date().toString());
      } else {
        keptTurns.remove(0);
        keptTurns.remove(0);
        droppedExchanges++;
      }
      messages = PromptBuilder.conversation(analyst, dream, keptSeries, keptTurns);
      tokens = estimator.countMessages(messages);
    }
    if (tokens > maxPromptTokens) {
      throw new HistoryTooLongException(String.format(Locale.ROOT,
          "The conversation needs %,d prompt tokens with only the system prompt, the dream and the"
              + " latest exchange left, over the budget of %,d; shorten the dream or the reply, or"
              + " raise HistoryBudget.maxPromptTokens (up to the model's context minus the answer)",
          tokens, maxPromptTokens));
    }
    if (droppedDreams.isEmpty() && droppedExchanges == 0) {
      return new Fit(messages, tokens, Optional.empty());
    }
    List<String> parts = new ArrayList<>();
    if (!droppedDreams.isEmpty()) {
      parts.add(droppedDreams.size() + " earlier dream" + (droppedDreams.size() == 1 ? "" : "s")
          + " of the series (" + String.join(", ", droppedDreams) + ")");
    }
    if (droppedExchanges > 0) {
      parts.add(droppedExchanges == 1
          ? "the first exchange (answer 1 and the reply to it)"
          : "the first " + droppedExchanges + " exchanges (answers 1-" + droppedExchanges
              + " and the replies to them)");
    }
    return new Fit(messages, tokens, Optional.of(String.format(Locale.ROOT,
        "Left out %s to keep the request within %,d prompt tokens (the whole history needs %,d);"
            + " the dream and the latest turns were kept.",
        String.join(" and ", parts), maxPromptTokens, full)));
  }
}
