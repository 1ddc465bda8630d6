package dev.reve.analysis;

import dev.reve.openai.call.Interrupts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Several analysts on one dream at once, and many dreams with a bound on requests in flight. A
 * failing analyst never stops the others: each outcome is reported on its own.
 */
final class FanOut {
  private final AnalystRegistry registry;
  private final AnalysisEngine engine;

  FanOut(AnalystRegistry registry, AnalysisEngine engine) {
    this.registry = registry;
    this.engine = engine;
  }

  MultiAnalysis analyzeAll(Dream dream, List<String> analystIds, AnalysisOptions options) {
    List<AnalystProfile> profiles = profiles(analystIds);
    engine.limits().check(Objects.requireNonNull(dream, "dream"));
    Objects.requireNonNull(options, "options");
    List<CompletableFuture<Analysis>> running = start(dream, profiles, options);
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
    } catch (InterruptedException e) {
      running.forEach(f -> f.cancel(true));
      throw Interrupts.cancellation("interrupted while waiting", e);
    } catch (ExecutionException | CancellationException e) {
      // each failure is reported in its analyst's outcome
    }
    return outcomes(dream, profiles, running);
  }

  CompletableFuture<MultiAnalysis> analyzeAllAsync(
      Dream dream, List<String> analystIds, AnalysisOptions options) {
    List<AnalystProfile> profiles;
    try {
      profiles = profiles(analystIds);
      engine.limits().check(Objects.requireNonNull(dream, "dream"));
      Objects.requireNonNull(options, "options");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<CompletableFuture<Analysis>> running = start(dream, profiles, options);
    return whenAllDone(running, () -> outcomes(dream, profiles, running));
  }

  CompletableFuture<List<MultiAnalysis>> analyzeBatchAsync(
      List<Dream> dreams, List<String> analystIds, int maxConcurrency, AnalysisOptions options) {
    List<AnalystProfile> profiles;
    List<Dream> input;
    try {
      profiles = profiles(analystIds);
      input = List.copyOf(Objects.requireNonNull(dreams, "dreams"));
      Objects.requireNonNull(options, "options");
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<Supplier<CompletableFuture<Analysis>>> tasks = new ArrayList<>();
    for (Dream dream : input) {
      for (AnalystProfile profile : profiles) {
        tasks.add(() -> engine.analyzeAsync(profile, dream, options, null));
      }
    }
    List<CompletableFuture<Analysis>> running = BoundedLauncher.launch(tasks, maxConcurrency);
    int n = profiles.size();
    return whenAllDone(running, () -> {
      List<MultiAnalysis> all = new ArrayList<>();
      for (int i = 0; i < input.size(); i++) {
        all.add(outcomes(input.get(i), profiles, running.subList(i * n, i * n + n)));
      }
      return List.copyOf(all);
    });
  }

  private List<CompletableFuture<Analysis>> start(
      Dream dream, List<AnalystProfile> profiles, AnalysisOptions options) {
    List<CompletableFuture<Analysis>> running = new ArrayList<>();
    for (AnalystProfile profile : profiles) {
      running.add(engine.analyzeAsync(profile, dream, options, null));
    }
    return running;
  }

  /** Completes with {@code result} once every request is done; cancelling it cancels them. */
  private static <R> CompletableFuture<R> whenAllDone(
      List<CompletableFuture<Analysis>> running, Supplier<R> result) {
    CompletableFuture<R> all =
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
            .handle((ignored, error) -> result.get());
    all.whenComplete(
        (value, error) -> {
          if (all.isCancelled()) {
            running.forEach(f -> f.cancel(true));
          }
        });
    return all;
  }

  private List<AnalystProfile> profiles(List<String> ids) {
    Objects.requireNonNull(ids, "analystIds");
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(
          "name at least one analyst; known analysts: " + String.join(", ", registry.ids()));
    }
    List<AnalystProfile> profiles = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String id : ids) {
      if (seen.add(id)) {
        profiles.add(registry.get(id));
      }
    }
    return profiles;
  }

  private static MultiAnalysis outcomes(
      Dream dream, List<AnalystProfile> profiles, List<CompletableFuture<Analysis>> running) {
    List<AnalystOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < profiles.size(); i++) {
      CompletableFuture<Analysis> future = running.get(i);
      String id = profiles.get(i).id();
      try {
        outcomes.add(AnalystOutcome.success(future.join()));
      } catch (CancellationException e) {
        outcomes.add(AnalystOutcome.failure(id, e));
      } catch (RuntimeException e) {
        outcomes.add(AnalystOutcome.failure(id, Futures.unwrapQuietly(e)));
      }
    }
    return new MultiAnalysis(dream, outcomes);
  }
}
