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
 * @param shutdownDate the {@code shutdown_date} the server announced, or else the one in the
 *     model-capabilities table, if any
 * @param problem why the lookup failed, when it did for another reason than 404
 * @param daysLeft days from the check to the shutdown date (0 on the day, negative once past),
 *     when a date is known
 */
public record ModelStatus(
    String model,
    String endpoint,
    List<String> usedBy,
    boolean available,
    Optional<LocalDate> shutdownDate,
    Optional<String> problem,
    Optional<Long> daysLeft) {

  /** A status without days left. */
  public ModelStatus(
      String model, String endpoint, List<String> usedBy, boolean available,
      Optional<LocalDate> shutdownDate, Optional<String> problem) {
    this(model, endpoint, usedBy, available, shutdownDate, problem, Optional.empty());
  }

  /** Requires the ids; normalises absent values. */
  public ModelStatus {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(endpoint, "endpoint");
    usedBy = usedBy == null ? List.of() : List.copyOf(usedBy);
    shutdownDate = shutdownDate == null ? Optional.empty() : shutdownDate;
    problem = problem == null ? Optional.empty() : problem;
    daysLeft = daysLeft == null ? Optional.empty() : daysLeft;
  }

  /** Whether the shutdown date is known and has passed. */
  public boolean pastShutdown() {
    return daysLeft.map(d -> d < 0).orElse(false);
  }

  /** Days from {@code today} to the shutdown date (negative once past), if one is announced. */
  public Optional<Long> daysUntilShutdown(LocalDate today) {
    return shutdownDate.map(d -> ChronoUnit.DAYS.between(today, d));
  }
}
