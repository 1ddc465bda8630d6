package dev.reve.openai.call;

import java.util.concurrent.CancellationException;

/** How a blocking wait in the SDK answers an interrupt: the flag is set again, a cancellation is thrown. */
public final class Interrupts {
  private Interrupts() {}

  /**
   * Sets the current thread's interrupt flag again and returns the exception to throw in place of
   * {@code cause}: {@code throw Interrupts.cancellation("interrupted while waiting", e);}
   */
  public static CancellationException cancellation(String message, InterruptedException cause) {
    Thread.currentThread().interrupt();
    CancellationException stop = new CancellationException(message);
    stop.initCause(cause);
    return stop;
  }
}
