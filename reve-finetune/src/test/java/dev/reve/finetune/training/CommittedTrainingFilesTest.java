package dev.reve.finetune.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.AnalystRegistry;
import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.finetune.support.RepoFiles;
import dev.reve.finetune.validation.ProblemCode;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.finetune.validation.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed training files are a pure function of the sources and the current prompts, and
 * they pass the validator. Regenerate them with
 * {@value #REGENERATE}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommittedTrainingFilesTest {
  static final String REGENERATE = "./mvnw -B -pl reve-finetune -am test -Dreve.regenerate=true";

  private final Path data = RepoFiles.trainingData();

  @Test
  @Order(1)
  void committedFilesEqualAFreshRenderOfTheSources(@TempDir Path out) throws IOException {
    Path target = RepoFiles.regenerate() ? data : out;
    RenderResult result =
        TrainingSources.render(data.resolve("source"), target, AnalystRegistry.withBuiltIns());
    assertThat(result.files()).containsOnlyKeys("jung", "freud");
    List<String> stale = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String id : result.files().keySet()) {
      names.add(TrainingSources.fileName(id));
      names.add(TrainingSources.validationFileName(id));
    }
    for (String name : names) {
      Path committed = data.resolve(name);
      assertThat(committed)
          .withFailMessage("%s is missing; generate it with:%n  %s", committed, REGENERATE)
          .exists();
      byte[] fresh = Files.readAllBytes(target.resolve(name));
      byte[] old = Files.readAllBytes(committed);
      if (!Arrays.equals(old, fresh)) {
        stale.add(committed + " (first difference on line " + firstDifferentLine(old, fresh) + ")");
      }
    }
    assertThat(stale)
        .withFailMessage(
            "stale training files, which differ from a fresh render of training-data/source with the"
                + " current prompts:%n  %s%nRegenerate them with:%n  %s%nand commit the result.",
            String.join("\n  ", stale), REGENERATE)
        .isEmpty();
  }

  private static int firstDifferentLine(byte[] a, byte[] b) {
    int line = 1;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        return line;
      }
      if (a[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  @Test
  @Order(2)
  void bothCommittedFilesPassTheValidatorWithoutSkew() {
    TrainingDataValidator validator = new TrainingDataValidator();
    for (AnalystProfile analyst : BuiltInAnalysts.all()) {
      ValidationReport report =
          validator.validate(
              data.resolve(TrainingSources.fileName(analyst.id())),
              ValidationOptions.builder().analyst(analyst).build());
      assertThat(report.errors()).as(report.summary()).isEmpty();
      assertThat(report.problems(ProblemCode.SYSTEM_PROMPT_SKEW)).isEmpty();
      assertThat(report.problems(ProblemCode.USER_TEMPLATE_SKEW)).isEmpty();
      assertThat(report.examples()).isGreaterThanOrEqualTo(TrainingDataValidator.RECOMMENDED_EXAMPLES);
      assertThat(report.warnings()).as(report.summary()).isEmpty();
      ValidationReport held =
          validator.validate(
              data.resolve(TrainingSources.validationFileName(analyst.id())),
              ValidationOptions.builder().analyst(analyst).build());
      assertThat(held.errors()).as(held.summary()).isEmpty();
      assertThat(held.problems(ProblemCode.SYSTEM_PROMPT_SKEW)).isEmpty();
      assertThat(held.problems(ProblemCode.USER_TEMPLATE_SKEW)).isEmpty();
    }
  }
}
