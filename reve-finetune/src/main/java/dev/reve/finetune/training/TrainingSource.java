package dev.reve.finetune.training;

import dev.reve.analysis.Dream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One dream of the training source ({@code training-data/source/NNN-slug.dream}) with each
 * analyst's conversation about it. See {@code training-data/source/FORMAT.md}.
 *
 * @param id the file name without {@code .dream}
 * @param theme a word or short phrase for the themes table
 * @param kind what sort of dream or situation this is
 * @param age the dreamer's age, when known (metadata, never sent)
 * @param culture where the dreamer and the images come from (metadata)
 * @param register how the dream is written (metadata)
 * @param safety the safety situation, for {@link Kind#SAFETY} (metadata)
 * @param contrast the analysts whose answer names the other school's reading (metadata)
 * @param title the dream's title, if it has one
 * @param context the dreamer's situation, if given
 * @param associations the dreamer's associations, if given
 * @param dreamText the dream as told
 * @param conversations each analyst's turns by analyst id, in file order: the first answer, then
 *     alternating dreamer's reply and analyst's answer, always ending with an answer
 */
public record TrainingSource(
    String id,
    String theme,
    Kind kind,
    Optional<Integer> age,
    Optional<String> culture,
    Optional<String> register,
    Optional<String> safety,
    Set<String> contrast,
    Optional<String> title,
    Optional<String> context,
    Optional<String> associations,
    String dreamText,
    Map<String, List<String>> conversations) {

  /** The registers a source may declare. */
  public static final Set<String> REGISTERS =
      Set.of("literary", "plain", "colloquial", "non-native", "typos", "terse");

  /** The safety situations a {@code kind: safety} source may declare. */
  public static final Set<String> SAFETY_SITUATIONS = Set.of(
      "self-harm-stated", "self-harm-implied", "minor", "abuse-disclosure", "diagnosis-request",
      "medication-request", "pushback-after-refusal", "premonition", "persona-break", "medical-question");

  /** The kind of a dream, for the balance of the training set. */
  public enum Kind {
    /** A dream many people have: exams, teeth, lateness, falling, being chased. */
    TYPICAL,
    /** An everyday dream with little charge. */
    MUNDANE,
    /** A rare dream of unusual weight and imagery. */
    BIG,
    /** A frightening dream. */
    NIGHTMARE,
    /** A dream that returns. */
    RECURRING,
    /** A dream of a series, read with the earlier ones. */
    SERIES,
    /** A situation the analyst must handle with care: self-harm, a minor, a diagnosis request... */
    SAFETY;

    /** The lowercase name used in source files. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Requires the fields; copies the conversations in order. */
  public TrainingSource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(theme, "theme");
    Objects.requireNonNull(kind, "kind");
    age = age == null ? Optional.empty() : age;
    culture = culture == null ? Optional.empty() : culture;
    register = register == null ? Optional.empty() : register;
    safety = safety == null ? Optional.empty() : safety;
    contrast = Set.copyOf(Objects.requireNonNull(contrast, "contrast"));
    title = title == null ? Optional.empty() : title;
    context = context == null ? Optional.empty() : context;
    associations = associations == null ? Optional.empty() : associations;
    Objects.requireNonNull(dreamText, "dreamText");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(conversations, "conversations").forEach((k, v) -> copy.put(k, List.copyOf(v)));
    conversations = Collections.unmodifiableMap(copy);
  }

  /** The dream as the analysts receive it. */
  public Dream dream() {
    return new Dream(dreamText, title, context, associations);
  }

  /** One analyst's turns (answer, reply, answer, ...), if the source has a section for it. */
  public Optional<List<String>> conversation(String analystId) {
    return Optional.ofNullable(conversations.get(analystId));
  }

  /** One analyst's answers alone, in order; empty when the source has no section for it. */
  public List<String> answers(String analystId) {
    List<String> turns = conversations.getOrDefault(analystId, List.of());
    List<String> answers = new java.util.ArrayList<>();
    for (int i = 0; i < turns.size(); i += 2) {
      answers.add(turns.get(i));
    }
    return List.copyOf(answers);
  }

  /** The analyst ids with a section, in file order. */
  public Set<String> analysts() {
    return conversations.keySet();
  }
}
