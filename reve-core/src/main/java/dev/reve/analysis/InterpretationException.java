package dev.reve.analysis;

import dev.reve.openai.error.OpenAiException;
import java.util.Objects;
import java.util.Optional;

/**
 * A structured interpretation failed. Carries the dream, so that an application can store it before
 * anything else and never lose it, and the raw reply when there was one.
 */
public final class InterpretationException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final transient Dream dream;
  private final Reason reason;
  private final String rawReply;

  /** Why the interpretation failed. */
  public enum Reason {
    /** The reply hit the token limit, so its JSON is incomplete. */
    TRUNCATED,
    /** The reply is not JSON of the expected shape. */
    MALFORMED,
    /** The model refused. */
    REFUSED,
    /** The provider's content filter withheld the reply. */
    CONTENT_FILTERED,
    /** The request itself failed; see the cause. */
    REQUEST_FAILED
  }

  /** Creates the exception. */
  public InterpretationException(
      Dream dream, Reason reason, String message, String rawReply, Throwable cause) {
    super(message, cause);
    this.dream = Objects.requireNonNull(dream, "dream");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.rawReply = rawReply;
  }

  /** The dream that was being interpreted; store it. */
  public Dream dream() {
    return dream;
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }

  /** The model's reply as received, when there was one. */
  public Optional<String> rawReply() {
    return Optional.ofNullable(rawReply);
  }
}
