package dev.reve.finetune.fidelity;

import java.util.Objects;

/**
 * A lexicon term found in a text.
 *
 * @param term the term as the lexicon lists it
 * @param kind why it should not be there
 * @param matched the text that matched, as written
 * @param start offset of the match in the text
 */
public record TermHit(String term, Kind kind, String matched, int start) {

  /** Why a term is flagged. */
  public enum Kind {
    /** An explanatory term of the other school. */
    OTHER_SCHOOL,
    /** A term neither school should use (neuroscience, therapy jargon, New Age, later theory). */
    BOTH_AVOID,
    /** A term of the answer's own school, counted for the density check (not a finding). */
    OWN_SCHOOL
  }

  /** Requires every field. */
  public TermHit {
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(matched, "matched");
  }
}
