package dev.reve.finetune.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSplitTest {
  private static List<TrainingExample> examples(int count) {
    List<TrainingExample> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(TrainingExample.of(BuiltInAnalysts.JUNG, Dream.of("Dream " + i), "Answer " + i));
    }
    return list;
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
    List<TrainingExample> all = examples(60);

    TrainingSplit a = TrainingSplit.of(all, 0.1, 42);
    TrainingSplit b = TrainingSplit.of(all, 0.1, 42);
    TrainingSplit c = TrainingSplit.of(all, 0.1, 7);

    assertThat(a).isEqualTo(b);
    assertThat(a.validation()).hasSize(6);
    assertThat(a.training()).hasSize(54);
    assertThat(c.validation()).isNotEqualTo(a.validation());
  }

  @Test
  void bothSidesKeepTheOriginalOrderAndTogetherHoldEveryExample() {
    List<TrainingExample> all = examples(30);
    TrainingSplit split = TrainingSplit.of(all, 0.2, 1);

    assertThat(all).containsSubsequence(split.training()).containsSubsequence(split.validation());
    Set<TrainingExample> union = new HashSet<>(split.training());
    union.addAll(split.validation());
    assertThat(union).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void addingAnExampleMovesAtMostOneOther() {
    List<TrainingExample> all = examples(40);
    TrainingSplit before = TrainingSplit.of(all, 0.25, 3);
    List<TrainingExample> more = new ArrayList<>(all);
    more.add(TrainingExample.of(BuiltInAnalysts.JUNG, Dream.of("A new dream"), "A new answer"));

    TrainingSplit after = TrainingSplit.of(more, 0.25, 3);

    Set<TrainingExample> stayed = new HashSet<>(before.validation());
    stayed.retainAll(after.validation());
    assertThat(stayed.size()).isGreaterThanOrEqualTo(before.validation().size() - 1);
  }

  @Test
  void edgeFractions() {
    assertThat(TrainingSplit.of(examples(10), 0, 1).validation()).isEmpty();
    assertThat(TrainingSplit.of(examples(10), 0.01, 1).validation()).hasSize(1);
    assertThat(TrainingSplit.of(examples(2), 0.9, 1).training()).hasSize(1);
    assertThatThrownBy(() -> TrainingSplit.of(examples(2), 1.0, 1)).hasMessageContaining("below 1");
  }

  @Test
  void writesBothFiles(@TempDir Path dir) throws Exception {
    TrainingSplit split = TrainingSplit.of(examples(20), 0.1, 5);

    List<WrittenFile> files = split.write(dir.resolve("train.jsonl"), dir.resolve("valid.jsonl"));

    assertThat(files).extracting(WrittenFile::examples).containsExactly(18L, 2L);
    assertThat(Files.readAllLines(dir.resolve("valid.jsonl")))
        .containsExactlyElementsOf(split.validation().stream().map(TrainingExample::toJsonLine).toList());
  }
}
