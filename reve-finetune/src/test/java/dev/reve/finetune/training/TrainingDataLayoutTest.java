package dev.reve.finetune.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.analysis.BuiltInAnalysts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDataLayoutTest {
  @Test
  void anAnalystsFileLivesInTrainingDataUnderItsId() {
    Path work = Path.of("/srv/project");

    TrainingDataLayout layout = TrainingDataLayout.in(work);

    assertThat(layout.directory()).isEqualTo(Path.of("/srv/project/training-data"));
    assertThat(layout.examplesFile("jung"))
        .isEqualTo(Path.of("/srv/project/training-data/jung-examples.jsonl"));
  }

  @Test
  void severalAnalystsFilesKeepTheOrderGiven() {
    TrainingDataLayout layout = TrainingDataLayout.in(Path.of("/srv"));

    assertThat(layout.examplesFiles(List.of("freud", "jung")))
        .containsExactly(
            entry("freud", Path.of("/srv/training-data/freud-examples.jsonl")),
            entry("jung", Path.of("/srv/training-data/jung-examples.jsonl")));
  }

  @Test
  void anIdThatIsNotAPlainNameIsRefused() {
    TrainingDataLayout layout = TrainingDataLayout.in(Path.of("/srv"));

    assertThatThrownBy(() -> layout.examplesFile("../jung"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain name");
    assertThatThrownBy(() -> layout.examplesFile(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theAnalystIsTakenFromTheStartOfTheFileName() {
    assertThat(TrainingDataLayout.analystOf(Path.of("data/jung-examples.jsonl")))
        .contains(BuiltInAnalysts.JUNG);
    assertThat(TrainingDataLayout.analystOf(Path.of("FREUD_v2.jsonl"))).contains(BuiltInAnalysts.FREUD);
    assertThat(TrainingDataLayout.analystOf(Path.of("freud.jsonl"))).contains(BuiltInAnalysts.FREUD);
    assertThat(TrainingDataLayout.analystOf(Path.of("jungian.jsonl"))).isEmpty();
    assertThat(TrainingDataLayout.analystOf(Path.of("data.jsonl"))).isEmpty();
  }

  @Test
  void theLongestMatchingIdWinsAmongRegisteredAnalysts() {
    AnalystProfile young = new AnalystProfile("jung-young", "Young Jung", "Psychiatrist",
        "1900-1912", "Word association", "Early work.", "Swiss psychiatrist.", "You are young Jung.");
    AnalystRegistry registry = AnalystRegistry.withBuiltIns().register(young);

    assertThat(TrainingDataLayout.analystOf(Path.of("jung-young-examples.jsonl"), registry))
        .contains(young);
    assertThat(TrainingDataLayout.analystOf(Path.of("jung-examples.jsonl"), registry))
        .contains(BuiltInAnalysts.JUNG);
  }
}
