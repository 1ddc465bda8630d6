package dev.reve.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Starts asynchronous tasks with at most {@code limit} running at once, in order. Completions that
 * arrive on the starting thread are handled by a drain loop, not by recursion. Cancelling a result
 * future cancels its task, or keeps it from starting.
 */
final class BoundedLauncher<T> {
  private final List<Supplier<CompletableFuture<T>>> tasks;
  private final List<CompletableFuture<T>> results;
  private final int limit;
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private int next;

  private BoundedLauncher(List<Supplier<CompletableFuture<T>>> tasks, int limit) {
    this.tasks = List.copyOf(tasks);
    this.limit = limit;
    List<CompletableFuture<T>> slots = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      slots.add(new CompletableFuture<>());
    }
    this.results = List.copyOf(slots);
  }

  /** Starts the tasks; the returned futures complete in any order, one per task. */
  static <T> List<CompletableFuture<T>> launch(
      List<Supplier<CompletableFuture<T>>> tasks, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the concurrency limit must be at least 1, was " + limit);
    }
    BoundedLauncher<T> launcher = new BoundedLauncher<>(tasks, limit);
    launcher.drain();
    return launcher.results;
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    do {
      while (next < tasks.size() && inFlight.get() < limit) {
        start(next++);
      }
    } while (wip.decrementAndGet() != 0);
  }

  private void start(int index) {
    CompletableFuture<T> slot = results.get(index);
    if (slot.isDone()) {
      return;
    }
    inFlight.incrementAndGet();
    CompletableFuture<T> running;
    try {
      running = tasks.get(index).get();
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<T> task = running;
    slot.whenComplete(
        (value, error) -> {
          if (slot.isCancelled()) {
            task.cancel(true);
          }
        });
    task.whenComplete(
        (value, error) -> {
          if (error == null) {
            slot.complete(value);
          } else {
            slot.completeExceptionally(Futures.unwrapQuietly(error));
          }
          inFlight.decrementAndGet();
          drain();
        });
  }
}
