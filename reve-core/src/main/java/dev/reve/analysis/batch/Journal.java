package dev.reve.analysis.batch;

import java.time.Clock;
import java.util.Objects;

/** The run's state in memory, written to the state file after every change. */
final class Journal {
  private final BatchStateFile file;
  private final Clock clock;
  private BatchRunState state;

  Journal(BatchStateFile file, Clock clock, BatchRunState state) {
    this.file = file;
    this.clock = clock;
    this.state = Objects.requireNonNull(state, "state");
  }

  synchronized BatchRunState state() {
    return state;
  }

  synchronized BatchPart get(String partId) {
    return state.part(partId).orElseThrow();
  }

  /** Records {@code part} (new or changed) and writes the file. */
  synchronized BatchPart put(BatchPart part) {
    state = state.with(part);
    save();
    return part;
  }

  synchronized void replace(BatchRunState next) {
    state = next;
    save();
  }

  private void save() {
    state = state.stamped(clock.instant().toString());
    file.save(state);
  }
}
