package dev.reve.analysis;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server says about a model in use: whether it exists and when it shuts down.
 *
 * @param model the model id
 * @param endpoint the base URL of the server asked
 * @param usedBy analyst ids using the model; {@code base} marks the fallback base model
 * @param available false when the server answered 404 for the model
 * @param shutdownDate the announced {@code shutdown_date}, if any
 * @param problem why the lookup failed, when it did for another reason than 404
 */
public record ModelStatus(
    String model,
    String endpoint,
    List<String> usedBy,
    boolean available,
    Optional<LocalDate> shutdownDate,
    Optional<String> problem) {

  /** Requires the ids; normalises absent values. */
  public ModelStatus {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(endpoint, "endpoint");
    usedBy = usedBy == null ? List.of() : List.copyOf(usedBy);
    shutdownDate = shutdownDate == null ? Optional.empty() : shutdownDate;
    problem = problem == null ? Optional.empty() : problem;
  }

  /** Days from {@code today} to the shutdown date (negative once past), if one is announced. */
  public Optional<Long> daysUntilShutdown(LocalDate today) {
    return shutdownDate.map(d -> ChronoUnit.DAYS.between(today, d));
  }
}
