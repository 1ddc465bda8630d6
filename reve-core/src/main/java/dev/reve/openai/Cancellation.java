package dev.reve.openai;

import java.util.concurrent.CancellationException;
import okhttp3.Call;

/** Lets a cancelled future reach the HTTP call that is running for it. Thread-safe. */
public final class Cancellation {
  private static final Cancellation NONE = new Cancellation();
  private volatile boolean cancelled;
  private volatile Call call;

  /** A fresh, not yet cancelled token. */
  public Cancellation() {}

  /** A token that is never cancelled. */
  public static Cancellation none() {
    return NONE;
  }

  /** Cancels the current and every later call made under this token. */
  public void cancel() {
    if (this == NONE) {
      return;
    }
    cancelled = true;
    Call current = call;
    if (current != null) {
      current.cancel();
    }
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  /** Throws {@link CancellationException} once cancelled. */
  public void throwIfCancelled() {
    if (cancelled) {
      throw new CancellationException("cancelled by the caller");
    }
  }

  /** Registers the call now running; cancels it at once if the token is already cancelled. */
  public void attach(Call running) {
    if (this == NONE) {
      return;
    }
    this.call = running;
    if (cancelled) {
      running.cancel();
    }
  }
}
