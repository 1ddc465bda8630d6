package dev.reve.finetune.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.analysis.AnalystRegistry;
import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.PromptBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSourcesTest {
  private static final String VALID = """
      id: 901-test
      theme: testing
      kind: typical
      title: A test title
      context: 40, tester
      associations: The test reminds me of school.

      ## Dream
      First paragraph of the dream.

      Second paragraph.

      ## Jung
      Jung's answer.

      With two paragraphs.

      ## Freud
      Freud's answer.
      """;

  @Test
  void parsesHeaderAndSections() {
    TrainingSource source = TrainingSources.parse("901-test.dream", VALID);

    assertThat(source.id()).isEqualTo("901-test");
    assertThat(source.theme()).isEqualTo("testing");
    assertThat(source.kind()).isEqualTo(TrainingSource.Kind.TYPICAL);
    assertThat(source.title()).contains("A test title");
    assertThat(source.context()).contains("40, tester");
    assertThat(source.associations()).contains("The test reminds me of school.");
    assertThat(source.dreamText()).isEqualTo("First paragraph of the dream.\n\nSecond paragraph.");
    assertThat(source.conversations()).containsExactly(
        java.util.Map.entry("jung", List.of("Jung's answer.\n\nWith two paragraphs.")),
        java.util.Map.entry("freud", List.of("Freud's answer.")));
  }

  @Test
  void optionalHeaderLinesMayBeLeftOut() {
    TrainingSource source = TrainingSources.parse("902-x.dream",
        "id: 902-x\ntheme: t\nkind: big\n\n## Dream\nD.\n\n## Jung\nJ.\n");

    assertThat(source.title()).isEmpty();
    assertThat(source.context()).isEmpty();
    assertThat(source.kind()).isEqualTo(TrainingSource.Kind.BIG);
    assertThat(PromptBuilder.userMessage(source.dream())).isEqualTo("Analyze this dream.\n\nDream:\nD.");
  }

  @Test
  void malformedSourcesNameTheFileLineAndFix() {
    assertThatThrownBy(() -> TrainingSources.parse("901-test.dream", VALID.replace("theme:", "topic:")))
        .isInstanceOf(InvalidTrainingSourceException.class)
        .hasMessageContaining("901-test.dream:2")
        .hasMessageContaining("unknown header key 'topic'");
    assertThatThrownBy(() -> TrainingSources.parse("900-other.dream", VALID))
        .hasMessageContaining("has id '901-test' but the file name says '900-other'");
    assertThatThrownBy(() -> TrainingSources.parse("901-test.dream", VALID.replace("kind: typical", "kind: odd")))
        .hasMessageContaining("kind 'odd'");
    assertThatThrownBy(() -> TrainingSources.parse("901-test.dream", VALID.replace("## Dream", "## Drem")))
        .hasMessageContaining("no '## Dream' section");
    assertThatThrownBy(() -> TrainingSources.parse("901-test.dream", VALID.replace("\n", "\r\n")))
        .hasMessageContaining("901-test.dream:1").hasMessageContaining("LF line endings");
    assertThatThrownBy(() -> TrainingSources.parse("901-test.dream", VALID + "\n## Jung\nagain\n"))
        .hasMessageContaining("repeats section '## Jung'");
    assertThatThrownBy(() -> TrainingSources.parse("901-test.dream", VALID.replace("Freud's answer.", "")))
        .hasMessageContaining(":18").hasMessageContaining("section '## Freud' is empty");
    assertThatThrownBy(() -> TrainingSources.parse("901-test.dream", VALID.replace("title: A test title", "title:")))
        .hasMessageContaining(":4").hasMessageContaining("empty 'title'");
    assertThatThrownBy(() -> TrainingSources.parse("901-test.dream", "\uFEFF" + VALID))
        .hasMessageContaining("byte order mark");
  }

  @Test
  void rendersOneFilePerAnalystThroughThePromptBuilder(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("source"));
    Files.writeString(src.resolve("901-test.dream"), VALID, StandardCharsets.UTF_8);
    Files.writeString(src.resolve("902-x.dream"),
        "id: 902-x\ntheme: t\nkind: big\n\n## Dream\nD.\n\n## Jung\nJ.\n", StandardCharsets.UTF_8);
    Files.writeString(src.resolve("README.md"), "not a source");

    RenderResult result = TrainingSources.render(src, dir.resolve("out"), AnalystRegistry.withBuiltIns());

    assertThat(result.sources()).isEqualTo(2);
    assertThat(result.file("jung").orElseThrow().examples()).isEqualTo(1);
    assertThat(result.validationFile("jung").orElseThrow().examples()).isEqualTo(1);
    assertThat(result.file("freud").orElseThrow().examples() + result.validationFile("freud").orElseThrow().examples())
        .isEqualTo(1);
    List<String> jung = new java.util.ArrayList<>(Files.readAllLines(dir.resolve("out/jung-examples.jsonl")));
    jung.addAll(Files.readAllLines(dir.resolve("out/jung-validation.jsonl")));
    TrainingSource first = TrainingSources.read(src.resolve("901-test.dream"));
    assertThat(jung).contains(
        TrainingExample.of(BuiltInAnalysts.JUNG, first.dream(), first.answers("jung").get(0)).toJsonLine());
  }

  private static final String CONVERSATION = """
      id: 903-talk
      theme: teeth
      kind: safety
      age: 17
      culture: Ghanaian, Accra
      register: colloquial
      safety: minor
      contrast: freud

      ## Dream
      My teeth fell out.

      ## Jung
      What is happening at school?

      ### Dreamer
      Exams.

      ### Jung
      Then the teeth are the exams.

      ## Freud
      One answer.
      """;

  @Test
  void readsTheSecondEditionMetadataAndTurns() {
    TrainingSource source = TrainingSources.parse("903-talk.dream", CONVERSATION);

    assertThat(source.kind()).isEqualTo(TrainingSource.Kind.SAFETY);
    assertThat(source.age()).contains(17);
    assertThat(source.culture()).contains("Ghanaian, Accra");
    assertThat(source.register()).contains("colloquial");
    assertThat(source.safety()).contains("minor");
    assertThat(source.contrast()).containsExactly("freud");
    assertThat(source.conversation("jung")).contains(
        List.of("What is happening at school?", "Exams.", "Then the teeth are the exams."));
    assertThat(source.answers("jung")).containsExactly("What is happening at school?", "Then the teeth are the exams.");
    assertThat(PromptBuilder.userMessage(source.dream())).doesNotContain("17", "Ghanaian", "minor");
  }

  @Test
  void malformedTurnsAndMetadataNameTheLine() {
    assertThatThrownBy(() -> TrainingSources.parse("903-talk.dream", CONVERSATION.replace("### Jung\nThen", "### Freud\nThen")))
        .hasMessageContaining("903-talk.dream:19").hasMessageContaining("'### Jung' comes next");
    assertThatThrownBy(() -> TrainingSources.parse("903-talk.dream", CONVERSATION.replace("### Jung\nThen the teeth are the exams.\n", "")))
        .hasMessageContaining("ends the '## Jung' section with the dreamer");
    assertThatThrownBy(() -> TrainingSources.parse("903-talk.dream", CONVERSATION.replace("Exams.", "")))
        .hasMessageContaining(":16").hasMessageContaining("turn '### Dreamer' is empty");
    assertThatThrownBy(() -> TrainingSources.parse("903-talk.dream", CONVERSATION.replace("safety: minor\n", "")))
        .hasMessageContaining(":3").hasMessageContaining("without a 'safety:' line");
    assertThatThrownBy(() -> TrainingSources.parse("903-talk.dream", CONVERSATION.replace("safety: minor", "safety: scary")))
        .hasMessageContaining(":7").hasMessageContaining("safety 'scary'");
    assertThatThrownBy(() -> TrainingSources.parse("903-talk.dream", CONVERSATION.replace("age: 17", "age: young")))
        .hasMessageContaining(":4").hasMessageContaining("whole years");
    assertThatThrownBy(() -> TrainingSources.parse("903-talk.dream", CONVERSATION.replace("register: colloquial", "register: posh")))
        .hasMessageContaining(":6").hasMessageContaining("register 'posh'");
    assertThatThrownBy(() -> TrainingSources.parse("903-talk.dream", CONVERSATION.replace("contrast: freud", "contrast: adler")))
        .hasMessageContaining(":8").hasMessageContaining("no '## adler' section");
  }

  @Test
  void aConversationRendersThroughTheSessionBuilderAndTheSplitKeepsDreamsApart(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("source"));
    for (int i = 0; i < 20; i++) {
      String id = String.format(java.util.Locale.ROOT, "%03d-d", 100 + i);
      String text = (i % 4 == 0 ? CONVERSATION.replace("903-talk", id) : VALID.replace("901-test", id))
          .replace("My teeth fell out.", "My teeth fell out " + i + ".")
          .replace("First paragraph of the dream.", "First paragraph of dream " + i + ".");
      Files.writeString(src.resolve(id + ".dream"), text, StandardCharsets.UTF_8);
    }
    RenderResult result = TrainingSources.render(src, dir.resolve("out"), AnalystRegistry.withBuiltIns());

    assertThat(result.file("jung").orElseThrow().examples() + result.validationFile("jung").orElseThrow().examples())
        .isEqualTo(20);
    List<String> validation = Files.readAllLines(dir.resolve("out/jung-validation.jsonl"));
    List<String> training = Files.readAllLines(dir.resolve("out/jung-examples.jsonl"));
    assertThat(validation).hasSize(3).anyMatch(l -> l.contains("Then the teeth are the exams."))
        .anyMatch(l -> !l.contains("Then the teeth are the exams."));
    assertThat(training).doesNotContainAnyElementsOf(validation);
    TrainingSource talk = TrainingSources.read(src.resolve("104-d.dream"));
    assertThat(talk.kind()).isEqualTo(TrainingSource.Kind.SAFETY);
    training.addAll(validation);
    assertThat(training).contains(new TrainingExample(PromptBuilder.conversation(BuiltInAnalysts.JUNG,
        talk.dream(), List.of(), talk.conversation("jung").orElseThrow())).toJsonLine());
    assertThat(SourceSplit.validationIds(TrainingSources.readAll(src), 0.1, 42))
        .isEqualTo(SourceSplit.validationIds(TrainingSources.readAll(src), 0.1, 42)).hasSize(3);
  }

  @Test
  void aSectionForAnUnregisteredAnalystIsAnError(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("901-test.dream"), VALID + "\n## Adler\nAdler's answer.\n");

    assertThatThrownBy(() -> TrainingSources.render(dir, dir, AnalystRegistry.withBuiltIns()))
        .isInstanceOf(InvalidTrainingSourceException.class)
        .hasMessageContaining("901-test.dream")
        .hasMessageContaining("'adler', which is not registered");
  }

  @Test
  void anEmptyFolderIsAnError(@TempDir Path dir) {
    assertThatThrownBy(() -> TrainingSources.readAll(dir)).hasMessageContaining("no *.dream files");
  }

  @Test
  void theRepositorySourcesAllParseAndPairBothAnalysts() {
    List<TrainingSource> sources =
        TrainingSources.readAll(dev.reve.finetune.support.RepoFiles.trainingData().resolve("source"));

    assertThat(sources).hasSizeGreaterThanOrEqualTo(50);
    assertThat(sources).allSatisfy(s -> assertThat(s.analysts()).isSubsetOf("jung", "freud"));
    assertThat(sources).allSatisfy(s -> assertThat(s.analysts()).isNotEmpty());
  }
}
