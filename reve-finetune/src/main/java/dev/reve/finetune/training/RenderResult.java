package dev.reve.finetune.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link TrainingSources#render} wrote.
 *
 * @param sources how many source files were read
 * @param files the training file of each analyst, by analyst id, in registry order
 * @param validationFiles the validation file of each analyst, by analyst id
 */
public record RenderResult(int sources, Map<String, WrittenFile> files, Map<String, WrittenFile> validationFiles) {
  /** Copies the maps. */
  public RenderResult {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    validationFiles = Collections.unmodifiableMap(new LinkedHashMap<>(validationFiles));
  }

  /** The training file of one analyst. */
  public Optional<WrittenFile> file(String analystId) {
    return Optional.ofNullable(files.get(analystId));
  }

  /** The validation file of one analyst. */
  public Optional<WrittenFile> validationFile(String analystId) {
    return Optional.ofNullable(validationFiles.get(analystId));
  }

  /** Every training file, in registry order. */
  public List<WrittenFile> all() {
    return List.copyOf(files.values());
  }
}
