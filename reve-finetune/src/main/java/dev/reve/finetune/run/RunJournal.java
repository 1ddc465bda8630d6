package dev.reve.finetune.run;

import java.time.Clock;

/**
 * A run's state held in memory and written to the state file, time-stamped, after every change:
 * a crash between two steps loses at most the step under way.
 */
final class RunJournal {
  private final StateFile file;
  private final Clock clock;
  private RunState value;

  RunJournal(StateFile file, Clock clock) {
    this.file = file;
    this.clock = clock;
    this.value = file.load();
  }

  RunState state() {
    return value;
  }

  /** The analyst's entry as last recorded. */
  AnalystRun get(String analyst) {
    return value.analysts().get(analyst);
  }

  /** Records {@code entry} and returns it. */
  AnalystRun put(AnalystRun entry) {
    replace(value.with(entry));
    return entry;
  }

  void replace(RunState next) {
    value = next.stamped(clock.instant().toString());
    file.save(value);
  }

}
