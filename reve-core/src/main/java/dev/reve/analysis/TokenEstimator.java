package dev.reve.analysis;

import dev.reve.openai.chat.ChatMessage;
import java.util.List;

/**
 * Counts the tokens of a conversation for its {@link HistoryBudget}. reve-core has no tokenizer,
 * so its default ({@link #estimate()}) is an estimate of about four characters a token; the exact
 * o200k_base count lives in reve-finetune ({@code dev.reve.finetune.validation.TokenCounter}
 * implements this interface) and can be passed where it is on the class path.
 */
public interface TokenEstimator {
  /** Tokens framing each chat message (role and separators), as OpenAI counts them. */
  int TOKENS_PER_MESSAGE = 3;

  /** Tokens priming the reply. */
  int REPLY_PRIMING_TOKENS = 3;

  /** The tokens of one text. */
  int count(String text);

  /** The tokens of a whole request's messages, framing included. */
  default int countMessages(List<ChatMessage> messages) {
    int total = REPLY_PRIMING_TOKENS;
    for (ChatMessage m : messages) {
      total += TOKENS_PER_MESSAGE + count(m.role()) + count(m.content());
      if (m.name().isPresent()) {
        total += 1 + count(m.name().get());
      }
    }
    return total;
  }

  /**
   * The estimate used when no tokenizer is given: one token per four characters, rounded up. It
   * runs high for English prose and low for scripts without spaces; leave headroom in the budget.
   */
  static TokenEstimator estimate() {
    return text -> (text.length() + 3) / 4;
  }
}
