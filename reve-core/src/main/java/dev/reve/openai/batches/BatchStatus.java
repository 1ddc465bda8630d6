package dev.reve.openai.batches;

import java.util.Locale;

/** Where a batch is in its lifecycle, as the {@code status} field says. */
public enum BatchStatus {
  /** The input file is being checked. */
  VALIDATING,
  /** The input file failed validation; nothing ran. */
  FAILED,
  /** Requests are being run. */
  IN_PROGRESS,
  /** Requests finished; the output files are being written. */
  FINALIZING,
  /** Done; the output (and error) files are ready. */
  COMPLETED,
  /** The completion window passed; the completed part is in the output file. */
  EXPIRED,
  /** Cancellation was asked for; running requests are being stopped. */
  CANCELLING,
  /** Cancelled; what completed before is in the output file. */
  CANCELLED,
  /** A status this SDK does not know. */
  UNKNOWN;

  /** The status for a wire value; {@link #UNKNOWN} for anything else. */
  public static BatchStatus of(String wire) {
    if (wire == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(wire.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /** The value OpenAI sends, such as {@code in_progress}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the batch will change no more. */
  public boolean terminal() {
    return this == FAILED || this == COMPLETED || this == EXPIRED || this == CANCELLED;
  }
}
