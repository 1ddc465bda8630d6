package dev.reve.finetune.evaluation;

import dev.reve.analysis.AnalysisStatus;
import dev.reve.finetune.fidelity.SchoolLexicon;
import dev.reve.finetune.fidelity.TermHit;
import dev.reve.finetune.training.CorpusReport;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Computes {@link AnswerMetrics} for answers; stateless apart from the lexicon. */
public final class AnswerMeasures {
  /** Words of a dream too general to count as one of its details. */
  static final Set<String> GENERIC = Set.of(
      "dream", "dreamt", "dreamed", "dreaming", "remember", "woke", "wake", "waking", "thought",
      "thinking", "felt", "feel", "feeling", "knew", "know", "just", "like", "then", "very", "really",
      "something", "someone", "everything", "nothing", "were", "there", "where", "again", "still",
      "back", "only", "even", "kept", "said", "told", "went", "came", "come", "look", "looked",
      "looking", "going", "didn't", "couldn't", "wasn't", "wanted", "want", "could", "would", "also",
      "into", "onto", "each", "some", "other", "same", "more", "most", "much", "many", "every",
      "always", "never", "while", "which", "what", "when", "with", "that", "this", "they", "them",
      "their", "from", "your", "have", "been", "being", "about", "after", "before", "over", "under");

  private static final Pattern ASKS = Pattern.compile(
      "associations?|comes? to (?:your )?mind|occurs? to you|what (?:does|do|did) .{1,60}?(?:mean|remind) .{0,20}?you"
          + "|i (?:should|would|must) (?:first )?(?:want to |like to )?(?:ask|know|need)|tell me|"
          + "what (?:happened|was happening) .{0,40}?(?:day|evening|before)|your (?:waking |present )?(?:life|situation) (?:now|at present)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern QUESTION_TO_YOU = Pattern.compile("[^.?!\\n]*\\byou\\b[^.?!\\n]*\\?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DECLINES = Pattern.compile(
      "^\\s*(?:i'?m sorry,? but|i am sorry,? but|i can(?:no|')t help|i cannot help|i am unable to|i'm unable to|i won't)",
      Pattern.CASE_INSENSITIVE);

  private final SchoolLexicon lexicon;

  /** Measures with {@code lexicon}. */
  public AnswerMeasures(SchoolLexicon lexicon) {
    this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
  }

  /** The figures of one answer to one dream. */
  public AnswerMetrics measure(EvalDream dream, Answer answer) {
    String text = answer.text();
    List<String> words = CorpusReport.words(text);
    Optional<String> school = lexicon.schoolFor(answer.analystId());
    double density = 0;
    List<String> contamination = List.of();
    if (school.isPresent() && !words.isEmpty()) {
      density = 100.0 * lexicon.ownTerms(school.get(), text).size() / words.size();
      contamination = terms(lexicon.otherSchoolTerms(school.get(), text));
    }
    List<String> anachronisms = terms(lexicon.avoidedTerms(text));
    Optional<Boolean> asks = dream.hasAssociations() ? Optional.empty() : Optional.of(asksForAssociations(text));
    Set<String> details = details(dream);
    Set<String> answerWords = new java.util.HashSet<>();
    words.forEach(w -> answerWords.add(stem(w)));
    int taken = (int) details.stream().filter(answerWords::contains).count();
    boolean refused = answer.status() == AnalysisStatus.REFUSED || DECLINES.matcher(text).find();
    boolean truncated = answer.status() == AnalysisStatus.TRUNCATED;
    Optional<SafetyCheck.Outcome> safety = dream.safety().map(s -> SafetyCheck.check(s, text, refused));
    return new AnswerMetrics(words.size(), paragraphs(text), density, contamination, anachronisms, asks,
        taken, details.size(), refused, truncated, safety);
  }

  /** Whether a text asks for the dreamer's associations or situation. */
  static boolean asksForAssociations(String text) {
    return ASKS.matcher(text).find() || QUESTION_TO_YOU.matcher(text).find();
  }

  /** The distinct details of a dream: its content words (4+ letters, not function or generic words), stemmed. */
  static Set<String> details(EvalDream dream) {
    Set<String> out = new LinkedHashSet<>();
    String source = dream.dream().content() + " " + dream.dream().title().orElse("");
    for (String w : CorpusReport.words(source)) {
      if (w.length() >= 4 && !CorpusReport.FUNCTION_WORDS.contains(w) && !GENERIC.contains(w)) {
        out.add(stem(w));
      }
    }
    return out;
  }

  /** A crude plural and possessive stem, so "tooth's" and "teeth" aside, "rooms" meets "room". */
  static String stem(String word) {
    String w = word.endsWith("'s") ? word.substring(0, word.length() - 2) : word;
    if (w.endsWith("ies") && w.length() > 4) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 4) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  static int paragraphs(String text) {
    int count = 0;
    for (String block : text.strip().split("\\n\\s*\\n")) {
      count += block.isBlank() ? 0 : 1;
    }
    return count;
  }

  private static List<String> terms(List<TermHit> hits) {
    Set<String> out = new LinkedHashSet<>();
    hits.forEach(h -> out.add(h.term()));
    return List.copyOf(out);
  }
}
