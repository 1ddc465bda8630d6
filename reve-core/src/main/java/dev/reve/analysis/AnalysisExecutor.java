package dev.reve.analysis;

import dev.reve.openai.call.Cancellation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** The daemon threads blocking analysis work runs on; cancelling a future reaches the HTTP call. */
final class AnalysisExecutor implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "reve-analysis-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  <T> CompletableFuture<T> async(Function<Cancellation, T> work) {
    return Cancellation.supplyAsync(executor, "these DreamAnalysts", work);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
