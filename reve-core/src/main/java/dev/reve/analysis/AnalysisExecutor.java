package dev.reve.analysis;

import dev.reve.openai.call.Cancellation;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * At most {@code threads} daemon threads for blocking analysis work; the rest waits in a queue.
 * Cancelling a future reaches the HTTP call; {@link #close()} cancels every call still running or
 * waiting.
 */
final class AnalysisExecutor implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ThreadPoolExecutor executor;
  private final Set<CompletableFuture<?>> live = ConcurrentHashMap.newKeySet();

  AnalysisExecutor(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, was " + threads);
    }
    executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "reve-analysis-" + THREADS.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    executor.allowCoreThreadTimeOut(true);
  }

  <T> CompletableFuture<T> async(Function<Cancellation, T> work) {
    CompletableFuture<T> future = Cancellation.supplyAsync(executor, "these DreamAnalysts", work);
    if (!future.isDone()) {
      live.add(future);
      future.whenComplete((value, error) -> live.remove(future));
    }
    return future;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    for (CompletableFuture<?> future : live) {
      future.cancel(true);
    }
    live.clear();
  }
}
