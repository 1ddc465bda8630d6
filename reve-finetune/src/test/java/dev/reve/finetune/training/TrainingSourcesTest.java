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
    assertThat(source.analyses()).containsExactly(
        java.util.Map.entry("jung", "Jung's answer.\n\nWith two paragraphs."),
        java.util.Map.entry("freud", "Freud's answer."));
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
    assertThat(result.file("jung").orElseThrow().examples()).isEqualTo(2);
    assertThat(result.file("freud").orElseThrow().examples()).isEqualTo(1);
    List<String> jung = Files.readAllLines(dir.resolve("out/jung-examples.jsonl"));
    TrainingSource first = TrainingSources.read(src.resolve("901-test.dream"));
    assertThat(jung.get(0)).isEqualTo(
        TrainingExample.of(BuiltInAnalysts.JUNG, first.dream(), first.analysis("jung").orElseThrow()).toJsonLine());
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
    assertThat(sources).allSatisfy(s -> assertThat(s.analyses()).containsOnlyKeys("jung", "freud"));
    long withContext = sources.stream().filter(s -> s.context().isPresent() || s.associations().isPresent()).count();
    assertThat(withContext).as("about a third with context or associations").isBetween(15L, 40L);
  }
}
