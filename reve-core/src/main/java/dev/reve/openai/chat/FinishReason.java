package dev.reve.openai.chat;

import java.util.Locale;

/** Why generation stopped; values this SDK does not know read as {@link #UNKNOWN}. */
public enum FinishReason {
  /** Natural end or a stop sequence. */
  STOP,
  /** The token limit was reached: the text is truncated. */
  LENGTH,
  /** Content was withheld by a content filter. */
  CONTENT_FILTER,
  /** The model called a tool. */
  TOOL_CALLS,
  /** The model called a function (older API). */
  FUNCTION_CALL,
  /** No finish reason was sent. */
  NONE,
  /** A value this SDK does not know; the raw string is kept where it came from. */
  UNKNOWN;

  /** Reads the wire value, never failing. */
  public static FinishReason of(String wire) {
    if (wire == null || wire.isBlank()) {
      return NONE;
    }
    try {
      return valueOf(wire.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return UNKNOWN;
    }
  }
}
