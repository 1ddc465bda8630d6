package dev.reve.finetune.training;

import dev.reve.analysis.Dream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One dream of the training source ({@code training-data/source/NNN-slug.dream}) with its
 * analyses, one per analyst. See {@code training-data/source/FORMAT.md}.
 *
 * @param id the file name without {@code .dream}
 * @param theme a word or short phrase for the themes table
 * @param kind typical, mundane, big or protective
 * @param title the dream's title, if it has one
 * @param context the dreamer's situation, if given
 * @param associations the dreamer's associations, if given
 * @param dreamText the dream as told
 * @param analyses the answer of each analyst, by analyst id ({@code jung}, {@code freud}), in
 *     file order
 */
public record TrainingSource(
    String id,
    String theme,
    Kind kind,
    Optional<String> title,
    Optional<String> context,
    Optional<String> associations,
    String dreamText,
    Map<String, String> analyses) {

  /** The kind of a dream, for the balance of the training set. */
  public enum Kind {
    /** A dream many people have: exams, teeth, lateness, falling, being chased. */
    TYPICAL,
    /** An everyday dream with little charge. */
    MUNDANE,
    /** A rare dream of unusual weight and imagery. */
    BIG,
    /** A request the analyst must handle with care: diagnosis, self-harm, a child, science. */
    PROTECTIVE;

    /** The lowercase name used in source files. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Requires the fields; copies the analyses in order. */
  public TrainingSource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(theme, "theme");
    Objects.requireNonNull(kind, "kind");
    title = title == null ? Optional.empty() : title;
    context = context == null ? Optional.empty() : context;
    associations = associations == null ? Optional.empty() : associations;
    Objects.requireNonNull(dreamText, "dreamText");
    analyses = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(analyses, "analyses")));
  }

  /** The dream as the analysts receive it. */
  public Dream dream() {
    return new Dream(dreamText, title, context, associations);
  }

  /** The answer of one analyst, if the source has a section for it. */
  public Optional<String> analysis(String analystId) {
    return Optional.ofNullable(analyses.get(analystId));
  }
}
