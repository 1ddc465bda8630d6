package dev.reve.finetune.fidelity;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Okio;

/**
 * Finds terms a school's answer should not use: the other school's explanatory vocabulary and the
 * terms neither school should use (modern neuroscience, therapy jargon, New Age language, later
 * theory, self-labelling). Matching is case-insensitive on word boundaries, with hyphen, space and
 * no separator equivalent ({@code dream-work = dream work = dreamwork}); the lexicon's
 * {@code caseSensitive} terms (such as {@code the Self}) match only as written.
 *
 * <p>A lint, not a judge: it cannot tell a term used as the answer's own explanation from one
 * named in contrast, so its findings are warnings for a person to read.
 *
 * <pre>{@code
 * List<TermHit> hits = SchoolLexicon.bundled().lint("jung", answer);
 * }</pre>
 */
public final class SchoolLexicon {
  private static final String RESOURCE = "/dev/reve/finetune/fidelity/lexicon.json";
  private static volatile SchoolLexicon bundled;

  private final Map<String, List<CompiledTerm>> avoidBySchool;
  private final List<CompiledTerm> bothAvoid;
  private final Map<String, List<CompiledTerm>> ownBySchool;

  private SchoolLexicon(Map<String, List<CompiledTerm>> avoidBySchool, List<CompiledTerm> bothAvoid,
      Map<String, List<CompiledTerm>> ownBySchool) {
    this.avoidBySchool = avoidBySchool;
    this.bothAvoid = bothAvoid;
    this.ownBySchool = ownBySchool;
  }

  /** The lexicon shipped with the SDK (schools {@code jung} and {@code freud}); loaded once. */
  public static SchoolLexicon bundled() {
    SchoolLexicon lexicon = bundled;
    if (lexicon == null) {
      synchronized (SchoolLexicon.class) {
        lexicon = bundled;
        if (lexicon == null) {
          try (InputStream in = SchoolLexicon.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing resource " + RESOURCE + " in reve-finetune");
            }
            lexicon = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
          }
          bundled = lexicon;
        }
      }
    }
    return lexicon;
  }

  /**
   * Reads a lexicon in the bundled format: {@code caseSensitive} (list), {@code schools.<id>.avoid}
   * (list of terms) and {@code bothAvoid} (list of terms). Other keys are ignored.
   *
   * @throws IllegalArgumentException when the JSON does not have that shape
   */
  public static SchoolLexicon read(InputStream json) throws IOException {
    Objects.requireNonNull(json, "json");
    Object root;
    try (JsonReader reader = JsonReader.of(Okio.buffer(Okio.source(json)))) {
      root = reader.readJsonValue();
    }
    Map<?, ?> top = asMap(root, "the lexicon");
    Set<String> caseSensitive = new HashSet<>(strings(top.get("caseSensitive"), "caseSensitive"));
    Map<String, List<CompiledTerm>> schools = new LinkedHashMap<>();
    Map<String, List<CompiledTerm>> own = new LinkedHashMap<>();
    Map<?, ?> schoolMap = asMap(top.get("schools"), "schools");
    for (Map.Entry<?, ?> entry : schoolMap.entrySet()) {
      String school = String.valueOf(entry.getKey());
      Map<?, ?> body = asMap(entry.getValue(), "schools." + school);
      List<String> avoid = body.containsKey("avoid") ? strings(body.get("avoid"), "schools." + school + ".avoid") : List.of();
      schools.put(school, compile(avoid, caseSensitive, TermHit.Kind.OTHER_SCHOOL));
      own.put(school, compile(ownTerms(body.get("own"), "schools." + school + ".own"), caseSensitive,
          TermHit.Kind.OWN_SCHOOL));
    }
    List<String> both = top.containsKey("bothAvoid") ? strings(top.get("bothAvoid"), "bothAvoid") : List.of();
    return new SchoolLexicon(Map.copyOf(schools), compile(both, caseSensitive, TermHit.Kind.BOTH_AVOID),
        Map.copyOf(own));
  }

  /** The school ids the lexicon knows, such as {@code jung} and {@code freud}. */
  public Set<String> schools() {
    return avoidBySchool.keySet();
  }

  /**
   * The school an analyst belongs to: the analyst id itself when the lexicon has a school of that
   * name ({@code jung}, {@code freud}); empty otherwise, and then no lint applies.
   */
  public Optional<String> schoolFor(String analystId) {
    if (analystId == null) {
      return Optional.empty();
    }
    String id = analystId.toLowerCase(Locale.ROOT);
    return avoidBySchool.containsKey(id) ? Optional.of(id) : Optional.empty();
  }

  /**
   * Every other-school and both-avoid term in an answer of the given school, each term once, in
   * order of first appearance.
   *
   * @throws IllegalArgumentException for a school the lexicon does not know
   */
  public List<TermHit> lint(String school, String text) {
    List<TermHit> hits = new ArrayList<>(otherSchoolTerms(school, text));
    hits.addAll(avoidedTerms(text));
    hits.sort(Comparator.comparingInt(TermHit::start));
    return List.copyOf(hits);
  }

  /** The other school's terms in an answer of {@code school}. */
  public List<TermHit> otherSchoolTerms(String school, String text) {
    List<CompiledTerm> terms = avoidBySchool.get(school);
    if (terms == null) {
      throw new IllegalArgumentException(
          "unknown school '" + school + "'; the lexicon has " + avoidBySchool.keySet());
    }
    return find(terms, text);
  }

  /**
   * Every occurrence of the school's own terms ({@code schools.<id>.own}: each term and its
   * variants) in a text, in text order. Where matches overlap the longest is taken first ("the
   * collective unconscious" counts once, not also as "collective unconscious"), so each stretch
   * of text counts at most once. Used for the own-school density of
   * training answers (terms per 100 words).
   *
   * @throws IllegalArgumentException for a school the lexicon does not know
   */
  public List<TermHit> ownTerms(String school, String text) {
    List<CompiledTerm> terms = ownBySchool.get(school);
    if (terms == null) {
      throw new IllegalArgumentException(
          "unknown school '" + school + "'; the lexicon has " + ownBySchool.keySet());
    }
    String normal = normalise(Objects.requireNonNull(text, "text"));
    String lower = normal.toLowerCase(Locale.ROOT);
    List<TermHit> all = new ArrayList<>();
    for (CompiledTerm term : terms) {
      if (!lower.contains(term.probe)) {
        continue;
      }
      Matcher m = term.pattern.matcher(normal);
      while (m.find()) {
        all.add(new TermHit(term.term, term.kind, m.group(), m.start()));
      }
    }
    all.sort(Comparator.comparingInt((TermHit h) -> h.matched().length()).reversed()
        .thenComparingInt(TermHit::start));
    List<TermHit> kept = new ArrayList<>();
    boolean[] taken = new boolean[normal.length()];
    for (TermHit hit : all) {
      int end = hit.start() + hit.matched().length();
      boolean free = true;
      for (int i = hit.start(); i < end && free; i++) {
        free = !taken[i];
      }
      if (free) {
        java.util.Arrays.fill(taken, hit.start(), end, true);
        kept.add(hit);
      }
    }
    kept.sort(Comparator.comparingInt(TermHit::start));
    return List.copyOf(kept);
  }

  /** The terms neither school should use. */
  public List<TermHit> avoidedTerms(String text) {
    return find(bothAvoid, text);
  }

  private static List<TermHit> find(List<CompiledTerm> terms, String text) {
    Objects.requireNonNull(text, "text");
    String normal = normalise(text);
    String lower = normal.toLowerCase(Locale.ROOT);
    List<TermHit> hits = new ArrayList<>();
    for (CompiledTerm term : terms) {
      // A plain substring test first: most terms are absent, and the regex is far slower.
      if (!lower.contains(term.probe)) {
        continue;
      }
      Matcher m = term.pattern.matcher(normal);
      if (m.find()) {
        hits.add(new TermHit(term.term, term.kind, m.group(), m.start()));
      }
    }
    hits.sort(Comparator.comparingInt(TermHit::start));
    return hits;
  }

  /** Same-length replacements only, so offsets stay valid: curly apostrophes and dashes. */
  private static String normalise(String text) {
    return text.replace('\u2019', '\'')
        .replace('\u02BC', '\'')
        .replace('\u2010', '-')
        .replace('\u2011', '-')
        .replace('\u00A0', ' ');
  }

  private static List<CompiledTerm> compile(
      List<String> terms, Set<String> caseSensitive, TermHit.Kind kind) {
    List<CompiledTerm> compiled = new ArrayList<>(terms.size());
    for (String term : terms) {
      compiled.add(
          new CompiledTerm(term, kind, pattern(term, caseSensitive.contains(term)), probe(term)));
    }
    return List.copyOf(compiled);
  }

  /** Words joined by an optional hyphen or run of spaces, on letter/digit boundaries. */
  static Pattern pattern(String term, boolean caseSensitive) {
    String[] words = term.strip().split("[\\s\\-]+");
    StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}_])");
    for (int i = 0; i < words.length; i++) {
      if (i > 0) {
        regex.append("(?:-|\\s+)?");
      }
      regex.append(wordRegex(words[i]));
    }
    regex.append("(?![\\p{L}\\p{N}_])");
    int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    return Pattern.compile(regex.toString(), flags);
  }

  /** A word with Oe and the ligature Œ treated as the same spelling (Oedipus, Œdipus). */
  private static String wordRegex(String word) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < word.length()) {
      if (word.regionMatches(true, i, "oe", 0, 2)) {
        out.append("(?:").append(Pattern.quote(word.substring(i, i + 2))).append("|\u0152|\u0153)");
        i += 2;
      } else {
        out.append(Pattern.quote(word.substring(i, i + 1)));
        i++;
      }
    }
    return out.toString();
  }

  /** The terms and variants of an {@code own} list: objects with {@code term} and {@code variants}. */
  private static List<String> ownTerms(Object value, String what) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(what + " must be a JSON array of {term, variants} objects");
    }
    Set<String> out = new java.util.LinkedHashSet<>();
    for (Object item : list) {
      Map<?, ?> entry = asMap(item, what + " item");
      out.addAll(strings(List.of(entry.get("term")), what + ".term"));
      out.addAll(strings(entry.get("variants"), what + ".variants"));
    }
    return List.copyOf(out);
  }

  private static Map<?, ?> asMap(Object value, String what) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return map;
  }

  private static List<String> strings(Object value, String what) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(what + " must be a JSON array of strings");
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(what + " must hold non-blank strings; found " + item);
      }
      out.add(s);
    }
    return out;
  }

  /**
   * The longest piece of the term that any match must contain, lowercased: the longest word, cut
   * at "oe" (which may be spelled as a ligature).
   */
  static String probe(String term) {
    String best = "";
    for (String word : term.strip().toLowerCase(Locale.ROOT).split("[\\s\\-]+")) {
      for (String piece : word.split("oe", -1)) {
        if (piece.length() > best.length()) {
          best = piece;
        }
      }
    }
    return best;
  }

  private record CompiledTerm(String term, TermHit.Kind kind, Pattern pattern, String probe) {}
}
