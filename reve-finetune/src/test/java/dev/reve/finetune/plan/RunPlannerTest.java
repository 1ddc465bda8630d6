package dev.reve.finetune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.finetune.run.AnalystDataset;
import dev.reve.finetune.run.TrainingFileCheck;
import dev.reve.finetune.validation.Epochs;
import dev.reve.finetune.validation.ValidationOptions;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPlannerTest {
  @TempDir Path dir;

  private final RunPlanner planner = RunPlanner.builder()
      .options(ValidationOptions.builder().epochs(Epochs.of(2)).build())
      .build();

  @Test
  void planValidatesEachAnalystWithItsProfileAndTotalsTheCost() throws Exception {
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("jung", PlanFiles.write(dir.resolve("jung.jsonl"), BuiltInAnalysts.JUNG, 12));
    files.put("freud", PlanFiles.write(dir.resolve("freud.jsonl"), BuiltInAnalysts.FREUD, 12));

    RunPlan plan = planner.plan(files);

    assertThat(plan.ready()).isTrue();
    assertThat(plan.analysts()).extracting(PlannedAnalyst::analyst).containsExactly("jung", "freud");
    assertThat(plan.analyst("jung").orElseThrow().profile()).contains(BuiltInAnalysts.JUNG);
    assertThat(plan.datasets()).containsExactly(
        AnalystDataset.of("jung", files.get("jung")), AnalystDataset.of("freud", files.get("freud")));
    BigDecimal sum = plan.analysts().stream()
        .map(a -> a.report().cost().orElseThrow().trainingCostUsd())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(plan.totalCost().usd()).contains(sum.setScale(2, java.math.RoundingMode.HALF_UP));
  }

  @Test
  void aFileWithErrorsMakesThePlanNotReadyAndLeavesItsAnalystOut() throws Exception {
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("jung", PlanFiles.write(dir.resolve("jung.jsonl"), BuiltInAnalysts.JUNG, 12));
    files.put("freud", PlanFiles.write(dir.resolve("few.jsonl"), BuiltInAnalysts.FREUD, 3));

    RunPlan plan = planner.plan(files);

    assertThat(plan.ready()).isFalse();
    assertThat(plan.analyst("freud").orElseThrow().ready()).isFalse();
    assertThat(plan.datasets()).extracting(AnalystDataset::analyst).containsExactly("jung");
  }

  @Test
  void anAnalystWithoutAProfileIsPlannedWithoutTheSkewCheck() throws Exception {
    Path file = PlanFiles.write(dir.resolve("adler.jsonl"), BuiltInAnalysts.JUNG, 12);

    PlannedAnalyst adler = planner.plan(Map.of("adler", file)).analysts().get(0);

    assertThat(adler.profile()).isEmpty();
    assertThat(adler.ready()).isTrue();
  }

  @Test
  void aSplitWritesBothPartsAndUploadsThem() throws Exception {
    Path file = PlanFiles.write(dir.resolve("jung.jsonl"), BuiltInAnalysts.JUNG, 20);
    RunPlanner splitting = RunPlanner.builder().validationSplit(0.2, dir.resolve("split")).build();

    RunPlan plan = splitting.plan(Map.of("jung", file));

    PlannedSplit split = plan.analysts().get(0).split().orElseThrow();
    assertThat(split.trainingExamples()).isEqualTo(16);
    assertThat(split.validationExamples()).isEqualTo(4);
    assertThat(Files.readAllLines(split.validationFile())).hasSize(4);
    assertThat(plan.datasets()).containsExactly(
        AnalystDataset.of("jung", split.trainingFile(), split.validationFile()));
    assertThat(plan.totalCost().usd()).contains(
        split.trainingReport().cost().orElseThrow().trainingCostUsdRounded());
  }

  @Test
  void aSplitThatLeavesTooFewTrainingExamplesIsNotReady() throws Exception {
    Path file = PlanFiles.write(dir.resolve("jung.jsonl"), BuiltInAnalysts.JUNG, 12);
    RunPlanner splitting = RunPlanner.builder().validationSplit(0.4, dir.resolve("split")).build();

    PlannedAnalyst jung = splitting.plan(Map.of("jung", file)).analysts().get(0);

    assertThat(jung.report().hasErrors()).isFalse();
    assertThat(jung.split().orElseThrow().trainingReport().hasErrors()).isTrue();
    assertThat(jung.ready()).isFalse();
    assertThat(jung.dataset()).isEmpty();
  }

  @Test
  void theSplitShareMustBeAboveZeroAndBelowAHalf() {
    assertThatThrownBy(() -> RunPlanner.builder().validationSplit(0.5, dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below 0.5");
    assertThatThrownBy(() -> RunPlanner.builder().validationSplit(0, dir))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCheckAnswersFromThePlanAndValidatesOtherFiles() throws Exception {
    Path good = PlanFiles.write(dir.resolve("jung.jsonl"), BuiltInAnalysts.JUNG, 12);
    Path other = PlanFiles.write(dir.resolve("other.jsonl"), BuiltInAnalysts.JUNG, 3);
    RunPlan plan = planner.plan(Map.of("jung", good));

    TrainingFileCheck check = planner.check(plan);

    assertThat(check.check(good).ok()).isTrue();
    assertThat(check.check(other).ok()).isFalse();
  }

  @Test
  void checkFilesTakesTheAnalystFromTheFileNameUnlessOneIsGiven() throws Exception {
    Path jung = PlanFiles.write(dir.resolve("jung-examples.jsonl"), BuiltInAnalysts.JUNG, 12);
    Path plain = PlanFiles.write(dir.resolve("data.jsonl"), BuiltInAnalysts.FREUD, 12);

    FileChecks guessed = planner.checkFiles(List.of(jung, plain), Optional.empty());
    FileChecks given = planner.checkFiles(List.of(plain), Optional.of(BuiltInAnalysts.FREUD));

    assertThat(guessed.files().get(0).analyst()).contains(BuiltInAnalysts.JUNG);
    assertThat(guessed.files().get(0).analystFromFileName()).isTrue();
    assertThat(guessed.files().get(1).analyst()).isEmpty();
    assertThat(given.files().get(0).analyst()).contains(BuiltInAnalysts.FREUD);
    assertThat(given.files().get(0).analystFromFileName()).isFalse();
    assertThat(guessed.hasErrors()).isFalse();
    assertThat(guessed.totalCost().known()).isTrue();
  }
}
