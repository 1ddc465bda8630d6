package dev.reve.analysis.batch;

import dev.reve.analysis.Dream;
import java.util.Objects;

/**
 * A dream with the stable id its analyses come back under.
 *
 * @param id unique in the archive; letters, digits and {@code -_.:} (at most 200 characters)
 * @param dream the dream
 */
public record DreamRecord(String id, Dream dream) {
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,200}");

  /** Checks the id. */
  public DreamRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dream, "dream");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "dream id '" + (id.length() > 40 ? id.substring(0, 40) + "..." : id)
              + "' must be 1 to 200 letters, digits, '.', '_', ':' or '-'");
    }
  }
}
