package dev.reve.finetune.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.finetune.validation.ValidationReport;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostTotalTest {
  @TempDir Path dir;

  private final TrainingDataValidator validator = new TrainingDataValidator();

  @Test
  void sumsEveryFileAndRoundsToCents() throws Exception {
    Path file = PlanFiles.write(dir.resolve("jung.jsonl"), BuiltInAnalysts.JUNG, 12);
    ValidationReport report = validator.validate(file, ValidationOptions.defaults());
    BigDecimal one = report.cost().orElseThrow().trainingCostUsd();

    CostTotal total = CostTotal.of(List.of(report, report));

    assertThat(total.known()).isTrue();
    assertThat(total.usd()).contains(one.add(one).setScale(2, java.math.RoundingMode.HALF_UP));
    assertThat(total.describe()).startsWith("$").isEqualTo("$" + total.usd().get().toPlainString());
  }

  @Test
  void isUnknownAsSoonAsOneFileHasNoPrice() throws Exception {
    Path file = PlanFiles.write(dir.resolve("jung.jsonl"), BuiltInAnalysts.JUNG, 12);
    ValidationReport priced = validator.validate(file, ValidationOptions.defaults());
    ValidationReport unpriced = validator.validate(
        file, ValidationOptions.builder().baseModel("my-own-model").build());
    assertThat(unpriced.cost()).isEmpty();

    CostTotal total = CostTotal.of(List.of(priced, unpriced));

    assertThat(total.known()).isFalse();
    assertThat(total.usd()).isEmpty();
    assertThat(total.describe()).startsWith("unknown");
  }

  @Test
  void noFilesCostNothing() {
    assertThat(CostTotal.of(List.of()).usd()).contains(new BigDecimal("0.00"));
  }
}
