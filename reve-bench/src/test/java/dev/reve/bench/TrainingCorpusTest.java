package dev.reve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.finetune.validation.ProblemCode;
import dev.reve.finetune.validation.TokenCounter;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.finetune.validation.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCorpusTest {
  @TempDir Path dir;

  @Test
  void theGeneratedFileValidatesWithoutDuplicatesOrSkew() throws Exception {
    TrainingCorpus.Written written = TrainingCorpus.write(dir.resolve("big.jsonl"), 3_000_000);

    ValidationReport report = new TrainingDataValidator().validate(
        written.file(), ValidationOptions.builder().analyst(BuiltInAnalysts.JUNG).build());

    assertThat(written.lines()).isGreaterThan(2 * TrainingCorpus.jungLines().size());
    assertThat(written.bytes()).isEqualTo(Files.size(written.file())).isGreaterThanOrEqualTo(3_000_000);
    assertThat(report.errors()).isEmpty();
    assertThat(report.examples()).isEqualTo(written.lines());
    assertThat(report.problems(ProblemCode.DUPLICATE)).isEmpty();
    assertThat(report.problems(ProblemCode.USER_TEMPLATE_SKEW)).isEmpty();
  }

  @Test
  void laterPassesMarkTheDreamAndLeaveTheRestAlone() {
    List<String> examples = TrainingCorpus.jungLines();

    String first = TrainingCorpus.line(examples, 0);
    String second = TrainingCorpus.line(examples, examples.size());

    assertThat(first).isEqualTo(examples.get(0));
    assertThat(second).isNotEqualTo(first).contains("Dream:\\n(Night 2) ");
    assertThat(second.replace("(Night 2) ", "")).isEqualTo(first);
  }

  @Test
  void rawCountingOfTheSameMessagesGivesTheValidatorsTotal() {
    TrainingCorpus.Written written = TrainingCorpus.write(dir.resolve("small.jsonl"), 200_000);
    TokenCounter counter = TokenCounter.o200k();

    long raw = TrainingCorpus.readMessages(written.file()).stream()
        .mapToLong(counter::countMessages)
        .sum();
    ValidationReport report = new TrainingDataValidator().validate(written.file());

    assertThat(raw).isPositive().isEqualTo(report.tokens().total());
  }
}
