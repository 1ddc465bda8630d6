package dev.reve.openai.call;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
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

  /**
   * Runs {@code work} on {@code executor} with a fresh token that the returned future cancels: a
   * cancelled future reaches the HTTP call the work is making. When the executor refuses the work
   * (it was shut down), the future fails with an {@link IllegalStateException} saying {@code
   * owner} is closed.
   */
  public static <T> CompletableFuture<T> supplyAsync(
      Executor executor, String owner, Function<Cancellation, T> work) {
    Cancellation cancel = new Cancellation();
    CompletableFuture<T> future = new CompletableFuture<>();
    future.whenComplete(
        (value, error) -> {
          if (future.isCancelled()) {
            cancel.cancel();
          }
        });
    try {
      executor.execute(
          () -> {
            if (future.isDone()) {
              return;
            }
            try {
              future.complete(work.apply(cancel));
            } catch (Throwable t) {
              future.completeExceptionally(t);
            }
          });
    } catch (RejectedExecutionException closed) {
      future.completeExceptionally(
          new IllegalStateException(owner + " is closed; create a new one", closed));
    }
    return future;
  }
}
