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
  private final Map<String, Integer> counters = new HashMap<>();
  private long lastStamp;

  EmulatorState(VirtualTime time, String organization, boolean requireApiKey, boolean alwaysHasMore,
      int advanceEvery, int trainingSteps) {
    this.time = time;
    this.organization = organization;
    this.requireApiKey = requireApiKey;
    this.alwaysHasMore = alwaysHasMore;
    this.advanceEvery = advanceEvery;
    this.trainingSteps = trainingSteps;
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

  /** Unix seconds from virtual time, strictly increasing so that creation order is kept. */
  long stamp() {
    synchronized (lock) {
      lastStamp = Math.max(time.instant().getEpochSecond(), lastStamp + 1);
      return lastStamp;
    }
  }
}
