package dev.reve.finetune.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchoolLexiconTest {
  private final SchoolLexicon lexicon = SchoolLexicon.bundled();

  private List<String> terms(String school, String text) {
    return lexicon.lint(school, text).stream().map(TermHit::term).toList();
  }

  @Test
  void knowsJungAndFreud() {
    assertThat(lexicon.schools()).containsExactlyInAnyOrder("jung", "freud");
    assertThat(lexicon.schoolFor("jung")).contains("jung");
    assertThat(lexicon.schoolFor("FREUD")).contains("freud");
    assertThat(lexicon.schoolFor("adler")).isEmpty();
  }

  @Test
  void everyListedTermIsFoundInAnySpellingCaseDespiteThePrefilter() throws Exception {
    java.util.Map<?, ?> json;
    try (var in = SchoolLexicon.class.getResourceAsStream("lexicon.json")) {
      json = (java.util.Map<?, ?>) dev.reve.openai.spi.Json.MOSHI.adapter(Object.class)
          .fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    java.util.Map<?, ?> schools = (java.util.Map<?, ?>) json.get("schools");
    List<?> caseSensitive = (List<?>) json.get("caseSensitive");
    int checked = 0;
    for (String school : List.of("jung", "freud")) {
      List<?> avoid = (List<?>) ((java.util.Map<?, ?>) schools.get(school)).get("avoid");
      for (Object term : avoid) {
        String t = (String) term;
        assertThat(terms(school, "Here, " + t + ", plainly.")).as(school + ": " + t).contains(t);
        if (!caseSensitive.contains(t)) {
          assertThat(terms(school, "HERE " + t.toUpperCase(java.util.Locale.ROOT) + " PLAINLY"))
              .as(school + ": upper-case " + t).contains(t);
        }
        checked++;
      }
    }
    for (Object term : (List<?>) json.get("bothAvoid")) {
      String t = (String) term;
      assertThat(terms("jung", "so " + t + " then")).as("both: " + t).contains(t);
      checked++;
    }
    assertThat(checked).isGreaterThan(200);
  }

  @Test
  void hyphenSpaceAndNoSeparatorAreTheSame() {
    assertThat(terms("jung", "the dream-work did it")).contains("dream-work");
    assertThat(terms("jung", "the dream work did it")).contains("dream-work");
    assertThat(terms("jung", "the dreamwork did it")).contains("dream-work");
    assertThat(terms("jung", "the dream\nwork did it")).contains("dream-work");
  }

  @Test
  void matchingIgnoresCaseAndRespectsWordBoundaries() {
    assertThat(terms("jung", "A WISH-FULFILMENT.")).contains("wish-fulfilment");
    assertThat(terms("jung", "the id and the ego")).contains("id");
    assertThat(terms("jung", "his identity, an idea, I'd say, a kid")).doesNotContain("id");
    assertThat(terms("freud", "a personal Persona.")).contains("persona");
    assertThat(terms("freud", "personality")).doesNotContain("persona");
  }

  @Test
  void caseSensitiveTermsMatchOnlyAsWritten() {
    assertThat(terms("freud", "he found the Self")).contains("the Self");
    assertThat(terms("freud", "he found the self he had lost")).doesNotContain("the Self");
  }

  @Test
  void typographicVariantsMatch() {
    assertThat(terms("jung", "an Œdipus complex")).contains("Oedipus complex");
    assertThat(terms("freud", "the soul\u2019s journey")).contains("soul's journey");
  }

  @Test
  void otherSchoolAndBothAvoidAreTold() {
    List<TermHit> hits = lexicon.lint("freud", "Trust the process: the archetype speaks.");

    assertThat(hits).extracting(TermHit::term, TermHit::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("trust the process", TermHit.Kind.BOTH_AVOID),
        org.assertj.core.groups.Tuple.tuple("archetype", TermHit.Kind.OTHER_SCHOOL));
    assertThat(hits.get(1).matched()).isEqualTo("archetype");
  }

  @Test
  void ownTermsAreNotFlagged() {
    assertThat(lexicon.lint("jung", "The archetype and the collective unconscious; individuation.")).isEmpty();
    assertThat(lexicon.lint("freud", "The dream-work disguised a wish-fulfilment through condensation.")).isEmpty();
  }

  @Test
  void anUnknownSchoolIsAnError() {
    assertThatThrownBy(() -> lexicon.lint("adler", "x")).hasMessageContaining("unknown school 'adler'");
  }

  @Test
  void readsALexiconOfTheSameShape() throws Exception {
    String json = "{\"caseSensitive\":[\"Big idea\"],\"schools\":{\"a\":{\"avoid\":[\"Big idea\"]},\"b\":{}},"
        + "\"bothAvoid\":[\"buzz-word\"]}";

    SchoolLexicon custom = SchoolLexicon.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(custom.schools()).containsExactlyInAnyOrder("a", "b");
    assertThat(custom.lint("a", "a Big idea and a buzzword")).extracting(TermHit::term)
        .containsExactly("Big idea", "buzz-word");
    assertThat(custom.lint("a", "a big idea")).isEmpty();
    assertThat(custom.lint("b", "a Big idea")).isEmpty();
    assertThatThrownBy(() -> SchoolLexicon.read(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
