package dev.reve.finetune.validation;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.reve.openai.chat.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * Counts tokens the way OpenAI bills chat fine-tuning: the o200k_base encoding (gpt-4o and
 * gpt-4.1 families) with the chat framing of OpenAI's counting recipe: 3 tokens per message, the
 * tokens of every string field (role, content, name, ...), 1 more for a name, and 3 that prime
 * the reply. Thread-safe; the encoding is loaded once (about 0.4 s) and shared.
 *
 * <pre>{@code
 * int n = TokenCounter.o200k().count("hello world");   // 2
 * }</pre>
 */
public final class TokenCounter {
  /** Framing tokens added for every message. */
  public static final int TOKENS_PER_MESSAGE = 3;
  /** Extra tokens for a message that carries a {@code name}. */
  public static final int TOKENS_PER_NAME = 1;
  /** Tokens that prime the assistant's reply, once per example. */
  public static final int REPLY_PRIMING_TOKENS = 3;

  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /** The shared o200k_base counter; the first call loads the encoding. */
  public static TokenCounter o200k() {
    return Holder.O200K;
  }

  /** The encoding's name, {@code o200k_base}. */
  public String encodingName() {
    return encoding.getName();
  }

  /** The tokens of a text; special-token strings such as {@code <|endoftext|>} count as text. */
  public int count(String text) {
    Objects.requireNonNull(text, "text");
    return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
  }

  /** The tokens of a chat example or request, framing included. */
  public int countMessages(List<ChatMessage> messages) {
    Objects.requireNonNull(messages, "messages");
    int total = REPLY_PRIMING_TOKENS;
    for (ChatMessage message : messages) {
      total += TOKENS_PER_MESSAGE + count(message.role()) + count(message.content());
      if (message.name().isPresent()) {
        total += count(message.name().get()) + TOKENS_PER_NAME;
      }
    }
    return total;
  }

  private static final class Holder {
    static final TokenCounter O200K =
        new TokenCounter(Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));
  }
}
