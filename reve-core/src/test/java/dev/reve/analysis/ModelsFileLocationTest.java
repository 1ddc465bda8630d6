package dev.reve.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsFileLocationTest {
  @TempDir Path dir;

  @Test
  void theStandardFileIsInTheWorkingDirectoryAndReadOnlyWhenPresent() throws Exception {
    ModelsFileLocation location = ModelsFileLocation.in(dir, Map.of());

    assertThat(location.path()).isEqualTo(dir.resolve("reve-models.properties").toAbsolutePath());
    assertThat(location.named()).isFalse();
    assertThat(location.readable()).isFalse();
    assertThat(location.applyTo(ModelResolver.builder().environment(Map.of())).build()
        .resolve(BuiltInAnalysts.JUNG).source()).isEqualTo(ModelSource.BASE_MODEL);

    Files.writeString(location.path(), "jung.model=ft:gpt-4o:acme:jung:1\n");

    assertThat(location.readable()).isTrue();
    ModelChoice choice = location.applyTo(ModelResolver.builder().environment(Map.of())).build()
        .resolve(BuiltInAnalysts.JUNG);
    assertThat(choice.model()).isEqualTo("ft:gpt-4o:acme:jung:1");
    assertThat(choice.source()).isEqualTo(ModelSource.MODELS_FILE);
  }

  @Test
  void reveModelsFileNamesAnotherFileRelativeToTheWorkingDirectory() {
    ModelsFileLocation location =
        ModelsFileLocation.in(dir, Map.of(ModelResolver.MODELS_FILE_ENV, " conf/models.properties "));

    assertThat(location.path()).isEqualTo(dir.resolve("conf/models.properties").toAbsolutePath());
    assertThat(location.named()).isTrue();
    assertThat(location.readable()).as("a named file is read, and must exist").isTrue();
  }

  @Test
  void aBlankReveModelsFileCountsAsUnset() {
    ModelsFileLocation location =
        ModelsFileLocation.in(dir, Map.of(ModelResolver.MODELS_FILE_ENV, "  "));

    assertThat(location.named()).isFalse();
    assertThat(location.path().getFileName().toString()).isEqualTo("reve-models.properties");
  }
}
