package dev.reve.testkit;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What every part of one emulator shares: the lock that guards all its state, its settings, its
 * id counters and its clock.
 */
final class EmulatorState {
  final Object lock = new Object();
  final VirtualTime time;
  final String organization;
  final boolean requireApiKey;
  final boolean alwaysHasMore;
  final int advanceEvery;
  final int trainingSteps;
  /** How jobs advance by themselves on a clock; null when only the test moves them. */
  final JobPace pace;
  /** The only key accepted, when the emulator checks keys; null when any key is. */
  final String checkedKey;
  private final Map<String, Integer> counters = new HashMap<>();
  private long lastStamp;

  /** The id counters and the last stamp, for the state file. */
  Map<String, Integer> counters() {
    synchronized (lock) {
      return Map.copyOf(counters);
    }
  }

  long lastStamp() {
    synchronized (lock) {
      return lastStamp;
    }
  }

  /** Restores what {@link #counters()} and {@link #lastStamp()} saved. */
  void restore(Map<String, Integer> savedCounters, long savedStamp) {
    synchronized (lock) {
      counters.putAll(savedCounters);
      lastStamp = Math.max(lastStamp, savedStamp);
    }
  }

  EmulatorState(VirtualTime time, String organization, boolean requireApiKey, boolean alwaysHasMore,
      int advanceEvery, int trainingSteps, JobPace pace, String checkedKey) {
    this.time = time;
    this.organization = organization;
    this.requireApiKey = requireApiKey;
    this.alwaysHasMore = alwaysHasMore;
    this.advanceEvery = advanceEvery;
    this.trainingSteps = trainingSteps;
    this.pace = pace;
    this.checkedKey = checkedKey;
  }

  /** The next number, from 1, in the sequence {@code kind} ("file", "job", "event", ...). */
  int nextNumber(String kind) {
    synchronized (lock) {
      return counters.merge(kind, 1, Integer::sum);
    }
  }

  /** A fresh id with this prefix, such as {@code file-emu3}. */
  String nextId(String prefix, String kind) {
    return prefix + nextNumber(kind);
  }

  String nextRequestId() {
    return String.format(Locale.ROOT, "req_emu%06d", nextNumber("request"));
  }

  /** Moves virtual time up to the pace's clock, so that what is stamped now carries that time. */
  void followPaceClock() {
    if (pace != null) {
      java.time.Instant now = pace.clock().instant();
      if (now.isAfter(time.instant())) {
        time.advance(java.time.Duration.between(time.instant(), now));
      }
    }
  }

  /** Unix seconds from virtual time, strictly increasing so that creation order is kept. */
  long stamp() {
    synchronized (lock) {
      lastStamp = Math.max(time.instant().getEpochSecond(), lastStamp + 1);
      return lastStamp;
    }
  }
}
