package dev.reve.analysis;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.RequestOptions;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.ChatStreamListener;
import dev.reve.openai.internal.Interrupts;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How the HTTP steps of one analysis run: blocking on the caller's thread, or (for the {@code
 * Async} methods) as client futures that a cancelled outer future can reach.
 */
abstract class Calls {
  /** Blocking calls on the current thread. */
  static final Calls DIRECT =
      new Calls() {
        @Override
        ChatCompletion create(OpenAiClient client, ChatRequest request, RequestOptions options) {
          return client.chat().create(request, options);
        }

        @Override
        ChatCompletion stream(
            OpenAiClient client,
            ChatRequest request,
            ChatStreamListener listener,
            RequestOptions options) {
          return client.chat().stream(request, listener, options);
        }
      };

  abstract ChatCompletion create(OpenAiClient client, ChatRequest request, RequestOptions options);

  abstract ChatCompletion stream(
      OpenAiClient client,
      ChatRequest request,
      ChatStreamListener listener,
      RequestOptions options);

  /** Calls whose current HTTP step is cancelled when {@link #cancel()} is called. */
  static final class Tracked extends Calls {
    private volatile boolean cancelled;
    private volatile CompletableFuture<?> current;

    void cancel() {
      cancelled = true;
      CompletableFuture<?> running = current;
      if (running != null) {
        running.cancel(true);
      }
    }

    @Override
    ChatCompletion create(OpenAiClient client, ChatRequest request, RequestOptions options) {
      return awaitTracked(client.chat().createAsync(request, options));
    }

    @Override
    ChatCompletion stream(
        OpenAiClient client,
        ChatRequest request,
        ChatStreamListener listener,
        RequestOptions options) {
      return awaitTracked(client.chat().streamAsync(request, listener, options));
    }

    private <T> T awaitTracked(CompletableFuture<T> future) {
      current = future;
      if (cancelled) {
        future.cancel(true);
      }
      try {
        return await(future);
      } finally {
        current = null;
      }
    }
  }

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
