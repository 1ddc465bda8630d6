package dev.reve.analysis;

import dev.reve.openai.call.Interrupts;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting for futures and unwrapping their failures, for the analysis engine. */
final class Futures {
  private Futures() {}

  /**
   * Waits for a future on the caller's thread, rethrowing its failure as is.
   *
   * @throws CancellationException when the thread is interrupted (the future is cancelled too)
   */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      throw Interrupts.cancellation("interrupted while waiting", e);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    }
  }

  /** The failure inside a future's wrappers. */
  static Throwable unwrapQuietly(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** The failure inside a future's wrapper, to rethrow as is. */
  static RuntimeException unwrap(Throwable t) {
    Throwable cause = unwrapQuietly(t);
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new CompletionException(cause);
  }
}
