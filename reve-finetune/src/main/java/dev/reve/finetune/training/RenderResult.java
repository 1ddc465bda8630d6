package dev.reve.finetune.training;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link TrainingSources#render} wrote.
 *
 * @param sources how many source files were read
 * @param files the training file of each analyst, by analyst id, in registry order
 */
public record RenderResult(int sources, Map<String, WrittenFile> files) {
  /** Copies the map. */
  public RenderResult {
    files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
  }

  /** The file of one analyst. */
  public Optional<WrittenFile> file(String analystId) {
    return Optional.ofNullable(files.get(analystId));
  }

  /** Every file, in registry order. */
  public List<WrittenFile> all() {
    return List.copyOf(files.values());
  }
}
