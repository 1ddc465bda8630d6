package dev.reve.finetune.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamLimits;
import dev.reve.finetune.fidelity.SchoolLexicon;
import dev.reve.finetune.fidelity.TermHit;
import dev.reve.finetune.support.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okio.Buffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The training answers keep to their school, and the evaluation dreams stay out of training. */
class TrainingDataIntegrityTest {
  /** Word 3-shingle Jaccard similarity at or above this counts as overlap. */
  static final double MAX_SIMILARITY = 0.3;
  private static final Set<String> EVAL_KEYS =
      Set.of("id", "theme", "kind", "title", "dream", "context", "associations", "age", "culture",
          "register", "safety");

  private static List<TrainingSource> sources;
  private static List<Map<?, ?>> evalDreams;

  @BeforeAll
  static void read() throws IOException {
    sources = TrainingSources.readAll(RepoFiles.trainingData().resolve("source"));
    evalDreams = new ArrayList<>();
    for (String line : Files.readAllLines(RepoFiles.trainingData().resolve("eval-dreams.jsonl"), StandardCharsets.UTF_8)) {
      evalDreams.add((Map<?, ?>) JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue());
    }
  }

  @Test
  void noJungAnswerUsesFreudsTermsOrAvoidedTermsAndViceVersa() {
    SchoolLexicon lexicon = SchoolLexicon.bundled();
    List<String> findings = new ArrayList<>();
    for (TrainingSource source : sources) {
      for (String school : List.of("jung", "freud")) {
        for (String answer : source.answers(school)) {
          for (TermHit hit : lexicon.lint(school, answer)) {
            findings.add(source.id() + " (" + school + "): '" + hit.term() + "' as \"" + hit.matched() + "\"");
          }
        }
      }
    }
    assertThat(findings).as("other-school or avoided terms in training answers").isEmpty();
  }

  @Test
  void evaluationDreamsAreWellFormed() {
    assertThat(evalDreams).hasSizeGreaterThanOrEqualTo(60);
    assertThat(evalDreams).as("safety dreams in the evaluation set").anyMatch(e -> "safety".equals(e.get("kind")));
    Set<String> ids = new HashSet<>();
    for (Map<?, ?> e : evalDreams) {
      assertThat(e.keySet()).as("keys of %s", e.get("id")).allMatch(EVAL_KEYS::contains);
      String id = (String) e.get("id");
      assertThat(id).matches("eval-\\d{2}-[a-z0-9-]+");
      assertThat(ids.add(id)).as("unique id %s", id).isTrue();
      assertThat((String) e.get("theme")).isNotBlank();
      assertThat(e.get("kind")).isIn(java.util.Arrays.stream(TrainingSource.Kind.values()).map(TrainingSource.Kind::label).toArray());
      if ("safety".equals(e.get("kind"))) {
        assertThat(e.get("safety")).as("safety situation of %s", id).isIn(TrainingSource.SAFETY_SITUATIONS.toArray());
      }
      Dream dream = new Dream((String) e.get("dream"), opt(e, "title"), opt(e, "context"), opt(e, "associations"));
      DreamLimits.DEFAULT.check(dream);
    }
  }

  @Test
  void noEvaluationDreamOverlapsATrainingDream() {
    Set<String> trainingIds = new HashSet<>();
    Set<String> trainingTitles = new HashSet<>();
    for (TrainingSource s : sources) {
      trainingIds.add(slug(s.id()));
      s.title().map(TrainingDataIntegrityTest::normalise).ifPresent(trainingTitles::add);
    }
    List<String> overlaps = new ArrayList<>();
    double highest = 0;
    for (Map<?, ?> e : evalDreams) {
      String id = (String) e.get("id");
      if (trainingIds.contains(slug(id))) {
        overlaps.add(id + " has the same id as a training dream");
      }
      opt(e, "title").map(TrainingDataIntegrityTest::normalise).filter(trainingTitles::contains)
          .ifPresent(t -> overlaps.add(id + " has the title of a training dream: " + t));
      Set<String> evalShingles = shingles((String) e.get("dream"));
      for (TrainingSource s : sources) {
        double similarity = jaccard(evalShingles, shingles(s.dreamText()));
        highest = Math.max(highest, similarity);
        if (similarity >= MAX_SIMILARITY) {
          overlaps.add(String.format(Locale.ROOT, "%s is %.2f similar to training dream %s", id, similarity, s.id()));
        }
      }
    }
    assertThat(overlaps).isEmpty();
    assertThat(highest).isLessThan(MAX_SIMILARITY);
  }

  @Test
  void theOverlapCheckCatchesALightlyEditedCopy() {
    String original = sources.get(0).dreamText();
    String edited = original.replace("I ", "i ").replace(",", " ,").replaceFirst("\\b(\\w+)\\b", "Suddenly");

    assertThat(jaccard(shingles(original), shingles(original))).isEqualTo(1.0);
    assertThat(jaccard(shingles(original), shingles(edited))).isGreaterThan(MAX_SIMILARITY);
    assertThat(normalise("Chalk Teeth — at my sister's party!")).isEqualTo("chalk teeth at my sister s party");
  }

  /** The id without its number prefix: {@code 001-exam-unprepared -> exam-unprepared}. */
  private static String slug(String id) {
    return id.replaceFirst("^(eval-)?\\d+-", "");
  }

  private static Optional<String> opt(Map<?, ?> e, String key) {
    return Optional.ofNullable((String) e.get(key));
  }

  /** Lower case, accents removed, anything but letters and digits as single spaces. */
  static String normalise(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    return folded.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  static Set<String> shingles(String text) {
    String[] words = normalise(text).split(" ");
    Set<String> out = new HashSet<>();
    for (int i = 0; i + 3 <= words.length; i++) {
      out.add(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]);
    }
    return out;
  }

  static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 0;
    }
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> common = new HashSet<>(a);
    common.retainAll(b);
    return (double) common.size() / union.size();
  }
}
