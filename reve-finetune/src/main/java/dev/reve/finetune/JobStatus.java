package dev.reve.finetune;

import java.util.Locale;

/**
 * The states of a fine-tuning job the SDK knows. A status the SDK does not know maps to {@link
 * #UNKNOWN}; the raw string stays available from {@link FineTuningJob#status()}.
 */
public enum JobStatus {
  /** The service is checking the files. */
  VALIDATING_FILES,
  /** Waiting for capacity. */
  QUEUED,
  /** Training. */
  RUNNING,
  /** Paused by the owner; resume it to continue. */
  PAUSED,
  /** Finished; the model is ready. */
  SUCCEEDED,
  /** Ended with an error. */
  FAILED,
  /** Cancelled by the owner. */
  CANCELLED,
  /** A status this version of the SDK does not know. */
  UNKNOWN;

  /** The enum value for a wire status, {@link #UNKNOWN} for one this SDK does not know. */
  public static JobStatus of(String wire) {
    if (wire == null) {
      return UNKNOWN;
    }
    for (JobStatus status : values()) {
      if (status != UNKNOWN && status.wire().equals(wire.strip().toLowerCase(Locale.ROOT))) {
        return status;
      }
    }
    return UNKNOWN;
  }

  /** The status as the API spells it. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the job can no longer change: succeeded, failed or cancelled. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /** Whether the job ended without a model: failed or cancelled. */
  public boolean failedOrCancelled() {
    return this == FAILED || this == CANCELLED;
  }
}
