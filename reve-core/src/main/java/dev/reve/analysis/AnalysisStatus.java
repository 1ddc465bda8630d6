package dev.reve.analysis;

/** How an analysis ended; only {@link #COMPLETE} is a whole answer to store as is. */
public enum AnalysisStatus {
  /** The model finished its answer. */
  COMPLETE,
  /** The answer hit the token limit and is cut off; raise {@code maxCompletionTokens}. */
  TRUNCATED,
  /** The model refused; the refusal is in {@link Analysis#refusal()}, not in the text. */
  REFUSED,
  /** The provider's content filter withheld (part of) the answer. */
  CONTENT_FILTERED,
  /** The server ended otherwise (no finish reason, an unknown one, or no text at all). */
  UNEXPECTED
}
