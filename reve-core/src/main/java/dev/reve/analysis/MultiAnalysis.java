package dev.reve.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One dream read by several analysts at once: every success and every failure, per analyst, in the
 * order the analysts were asked. Nothing is dropped.
 *
 * @param dream the dream
 * @param outcomes one outcome per analyst
 */
public record MultiAnalysis(Dream dream, List<AnalystOutcome> outcomes) {

  /** Requires both parts. */
  public MultiAnalysis {
    Objects.requireNonNull(dream, "dream");
    outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
  }

  /** The analyses that came back, by analyst id, in order. */
  public Map<String, Analysis> analyses() {
    Map<String, Analysis> map = new LinkedHashMap<>();
    outcomes.forEach(o -> o.analysis().ifPresent(a -> map.put(o.analystId(), a)));
    return java.util.Collections.unmodifiableMap(map);
  }

  /** The failures, by analyst id, in order. */
  public Map<String, Throwable> failures() {
    Map<String, Throwable> map = new LinkedHashMap<>();
    outcomes.forEach(o -> o.failure().ifPresent(f -> map.put(o.analystId(), f)));
    return java.util.Collections.unmodifiableMap(map);
  }

  /** This analyst's analysis, if it succeeded. */
  public Optional<Analysis> analysis(String analystId) {
    return outcome(analystId).flatMap(AnalystOutcome::analysis);
  }

  /** This analyst's failure, if it failed. */
  public Optional<Throwable> failure(String analystId) {
    return outcome(analystId).flatMap(AnalystOutcome::failure);
  }

  /** This analyst's outcome, if it was asked. */
  public Optional<AnalystOutcome> outcome(String analystId) {
    return outcomes.stream().filter(o -> o.analystId().equals(analystId)).findFirst();
  }

  /** Whether every request succeeded. */
  public boolean allSucceeded() {
    return outcomes.stream().allMatch(AnalystOutcome::succeeded);
  }

  /** Whether every analyst gave a whole answer (none failed, truncated, refused or filtered). */
  public boolean allComplete() {
    return outcomes.stream().allMatch(o -> o.analysis().map(Analysis::isComplete).orElse(false));
  }
}
