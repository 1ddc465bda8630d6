package dev.reve.analysis;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link AnalysisSession} runs: the options of each request, the history budget, the
 * earlier dreams of the series, and the clock that dates the turns.
 *
 * @param analysis the options of every turn's request
 * @param budget the history budget
 * @param series earlier dreams of the same dreamer, oldest first (may be empty)
 * @param clock dates the turns
 */
public record SessionOptions(
    AnalysisOptions analysis, HistoryBudget budget, List<EarlierDream> series, Clock clock) {

  /** Copies the series; requires the rest. */
  public SessionOptions {
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(budget, "budget");
    series = List.copyOf(Objects.requireNonNull(series, "series"));
    Objects.requireNonNull(clock, "clock");
  }

  /** A builder starting from {@code analysis}, the default budget, no series and the UTC clock. */
  public static Builder builder(AnalysisOptions analysis) {
    return new Builder(analysis);
  }

  /** Builds {@link SessionOptions}. */
  public static final class Builder {
    private AnalysisOptions analysis;
    private HistoryBudget budget = HistoryBudget.DEFAULT;
    private List<EarlierDream> series = List.of();
    private Clock clock = Clock.systemUTC();

    private Builder(AnalysisOptions analysis) {
      this.analysis = Objects.requireNonNull(analysis, "analysis");
    }

    /** The options of every request. */
    public Builder analysis(AnalysisOptions value) {
      this.analysis = Objects.requireNonNull(value, "analysis");
      return this;
    }

    /** The history budget; default {@link HistoryBudget#DEFAULT}. */
    public Builder budget(HistoryBudget value) {
      this.budget = Objects.requireNonNull(value, "budget");
      return this;
    }

    /** Earlier dreams of the same dreamer, oldest first. */
    public Builder series(List<EarlierDream> value) {
      this.series = List.copyOf(Objects.requireNonNull(value, "series"));
      return this;
    }

    /** The clock that dates the turns. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Builds the options. */
    public SessionOptions build() {
      return new SessionOptions(analysis, budget, series, clock);
    }
  }
}
