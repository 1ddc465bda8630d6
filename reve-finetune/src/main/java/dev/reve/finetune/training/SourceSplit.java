package dev.reve.finetune.training;

import dev.reve.storage.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses the dreams held out for validation: deterministic and stratified. The dreams fall into
 * three strata (safety; a conversation of two or more answers for some analyst; the rest); in
 * each, the dreams are ranked by a seeded SHA-256 of their id and the lowest {@code fraction}
 * (rounded, at least one in a stratum of two or more) are held out. The choice depends only on
 * the ids and the seed, so editing an answer never moves a dream across, and a held-out dream
 * is held out for every analyst.
 */
public final class SourceSplit {
  private SourceSplit() {}

  /** The stratum of a source: {@code safety}, {@code multi-turn} or {@code one-turn}. */
  public static String stratum(TrainingSource source) {
    if (source.kind() == TrainingSource.Kind.SAFETY) {
      return "safety";
    }
    boolean multi = source.conversations().values().stream().anyMatch(t -> t.size() > 1);
    return multi ? "multi-turn" : "one-turn";
  }

  /** The ids of the held-out dreams. */
  public static Set<String> validationIds(List<TrainingSource> sources, double fraction, long seed) {
    Objects.requireNonNull(sources, "sources");
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction must be at least 0 and below 1; got " + fraction);
    }
    Map<String, List<String>> strata = new LinkedHashMap<>();
    for (TrainingSource s : sources) {
      strata.computeIfAbsent(stratum(s), k -> new ArrayList<>()).add(s.id());
    }
    Set<String> held = new TreeSet<>();
    for (List<String> ids : strata.values()) {
      int k = (int) Math.round(ids.size() * fraction);
      if (fraction > 0 && ids.size() >= 2) {
        k = Math.max(1, Math.min(k, ids.size() - 1));
      }
      List<String> ranked = new ArrayList<>(ids);
      ranked.sort(Comparator.<String>comparingLong(id -> rank(id, seed)).thenComparing(id -> id));
      held.addAll(ranked.subList(0, k));
    }
    return Set.copyOf(held);
  }

  private static long rank(String id, long seed) {
    MessageDigest digest = Sha256.newDigest();
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
    return ByteBuffer.wrap(digest.digest(id.getBytes(StandardCharsets.UTF_8))).getLong() >>> 1;
  }
}
