package dev.reve.finetune.validation;

import com.knuddels.jtokkit.Encodings;
import com.squareup.moshi.JsonAdapter;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.spi.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>It is also the exact {@link dev.reve.analysis.TokenEstimator} for a session's history budget:
 * {@code new HistoryBudget(100_000, TokenCounter.o200k())} (reve-core alone only estimates).
 */
public final class TokenCounter implements dev.reve.analysis.TokenEstimator {
  /** Framing tokens added for every message. */
  public static final int TOKENS_PER_MESSAGE = 3;
  /** Extra tokens for a message that carries a {@code name}. */
  public static final int TOKENS_PER_NAME = 1;
  /** Tokens that prime the assistant's reply, once per example. */
  public static final int REPLY_PRIMING_TOKENS = 3;

  /** The longest run without whitespace counted in one piece. */
  static final int LONG_RUN = 1024;

  private static final JsonAdapter<Object> JSON = Json.MOSHI.adapter(Object.class);

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

  /**
   * The tokens of a text; special-token strings such as {@code <|endoftext|>} count as text. A run
   * of more than {@value #LONG_RUN} characters without whitespace (no real text has one) is counted
   * in pieces of that size: BPE work on one huge piece grows far faster than its length, so a
   * hostile 16 MB "word" would take gigabytes. Such a run's count is then close, not exact.
   */
  public int count(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      return 0;
    }
    if (text.length() <= LONG_RUN) {
      return encoding.countTokensOrdinary(text);
    }
    int total = 0;
    int start = 0;
    int runStart = 0;
    for (int i = 0; i <= text.length(); i++) {
      boolean space = i == text.length() || Character.isWhitespace(text.charAt(i));
      if (space) {
        runStart = i + 1;
      } else if (i - runStart + 1 > LONG_RUN) {
        // a long run: count what came before it, then the run in pieces
        total += countPlain(text, start, runStart);
        int end = runStart;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
          end++;
        }
        for (int p = runStart; p < end; ) {
          int q = Math.min(end, p + LONG_RUN);
          if (q < end && Character.isHighSurrogate(text.charAt(q - 1))) {
            q--;
          }
          total += encoding.countTokensOrdinary(text.substring(p, q));
          p = q;
        }
        start = end;
        runStart = end;
        i = end - 1;
      }
    }
    return total + countPlain(text, start, text.length());
  }

  private int countPlain(String text, int from, int to) {
    return from >= to ? 0 : encoding.countTokensOrdinary(text.substring(from, to));
  }

  /** The tokens of a chat example or request, framing included. */
  public int countMessages(List<ChatMessage> messages) {
    Objects.requireNonNull(messages, "messages");
    List<Map<String, String>> fields = new ArrayList<>();
    for (ChatMessage message : messages) {
      Map<String, String> map = new LinkedHashMap<>();
      map.put("role", message.role());
      map.put("content", message.content());
      message.name().ifPresent(name -> map.put("name", name));
      fields.add(map);
    }
    return capped(countChat(fields, List.of()));
  }

  /**
   * The tokens of a parsed fine-tuning example ({@code messages} of well-formed message objects,
   * and {@code tools} or {@code functions} definitions when present), framing included.
   */
  int countExample(Map<?, ?> example) {
    List<Object> definitions = new ArrayList<>();
    for (String key : List.of("tools", "functions")) {
      if (example.get(key) instanceof List<?> defs) {
        definitions.add(defs);
      }
    }
    return capped(countChat((List<?>) example.get("messages"), definitions));
  }

  /**
   * The one chat-format formula: per message its framing, every string field (1 more for a
   * name), a content array's text and any other object or array field as JSON; then the reply
   * priming and each definition list as JSON.
   */
  private long countChat(List<?> messages, List<?> definitions) {
    long count = REPLY_PRIMING_TOKENS;
    for (Object m : messages) {
      count += TOKENS_PER_MESSAGE;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) m).entrySet()) {
        Object v = entry.getValue();
        String key = String.valueOf(entry.getKey());
        if (v instanceof String s) {
          count += count(s);
          if (key.equals("name")) {
            count += TOKENS_PER_NAME;
          }
        } else if (key.equals("content")) {
          count += count(ChatContent.textOf(v));
        } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
          count += count(JSON.toJson(v));
        }
      }
    }
    for (Object definition : definitions) {
      count += count(JSON.toJson(definition));
    }
    return count;
  }

  private static int capped(long count) {
    return (int) Math.min(Integer.MAX_VALUE, count);
  }

  private static final class Holder {
    static final TokenCounter O200K =
        new TokenCounter(Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));
  }
}
