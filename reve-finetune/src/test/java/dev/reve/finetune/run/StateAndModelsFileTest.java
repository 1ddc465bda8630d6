package dev.reve.finetune.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateAndModelsFileTest {
  @TempDir Path dir;

  @Test
  void stateRoundTripsAndLeavesNoTemporaryFiles() throws Exception {
    StateFile file = new StateFile(dir.resolve("reve-finetune.json"));
    assertThat(file.load()).isEqualTo(RunState.empty());
    AnalystRun jung = new AnalystRun("jung", "jung.jsonl", "ab".repeat(32), 123L, null, null, null,
        null, null, null, null, null, null, null, null).withFile("jung-abababababab.jsonl", "file-1")
        .withJob("ftjob-1", "running", null, null);
    RunState state = RunState.empty().withBaseModel("gpt-4o-mini-2024-07-18").with(jung).stamped("2026-01-01T00:00:00Z");
    file.save(state);

    assertThat(file.load()).isEqualTo(state);
    String json = Files.readString(file.path());
    assertThat(json).contains("\"fileId\": \"file-1\"").contains("\"jobId\": \"ftjob-1\"").doesNotContain("null");
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("reve-finetune.json");
    }
  }

  @Test
  void unreadableStateIsLeftAloneWithAnExplanation() throws Exception {
    Path path = dir.resolve("reve-finetune.json");
    Files.writeString(path, "{\"version\":1,\"analysts\":{\"jung\":");
    assertThatThrownBy(() -> new StateFile(path).load())
        .isInstanceOf(RunStateConflictException.class)
        .hasMessageContaining("not a readable run state")
        .hasMessageContaining("move it away");
    assertThat(Files.readString(path)).isEqualTo("{\"version\":1,\"analysts\":{\"jung\":");
  }

  @Test
  void aSecondHolderOfTheLockIsRefused() {
    StateFile file = new StateFile(dir.resolve("reve-finetune.json"));
    try (StateFile.Lock held = file.lock()) {
      assertThatThrownBy(file::lock)
          .isInstanceOf(RunStateConflictException.class)
          .hasMessageContaining("Another reve finetune process");
      assertThat(held).isNotNull();
    }
    file.lock().close(); // free again
  }

  @Test
  void modelsFileMergeKeepsCommentsOrderAndOtherKeys() throws Exception {
    Path path = dir.resolve("reve-models.properties");
    Files.writeString(path, "# deployment models\n! bang comment\n\nfreud.model = ft:old:org:freud:1\n"
        + "long.value = first \\\n    second\njung.model=ft:old:org:jung:1\njung.model=ft:dupe\n");
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("jung.model", "ft:gpt-4o-mini:org:jung:NEW");
    entries.put("adler.model", "ft:gpt-4o-mini:org:adler:A");
    ModelsFile.merge(path, entries);

    assertThat(Files.readString(path)).isEqualTo("# deployment models\n! bang comment\n\n"
        + "freud.model = ft:old:org:freud:1\nlong.value = first \\\n    second\n"
        + "jung.model=ft:gpt-4o-mini:org:jung:NEW\nadler.model=ft:gpt-4o-mini:org:adler:A\n");
    assertThat(ModelsFile.read(path))
        .containsEntry("jung.model", "ft:gpt-4o-mini:org:jung:NEW")
        .containsEntry("freud.model", "ft:old:org:freud:1")
        .containsEntry("long.value", "first second");
  }

  @Test
  void newModelsFileIsCreatedReadable() {
    Path path = dir.resolve("sub/reve-models.properties");
    ModelsFile.merge(path, Map.of("jung.model", "ft:a:b:c:d"));
    assertThat(ModelsFile.read(path)).containsExactly(Map.entry("jung.model", "ft:a:b:c:d"));
    assertThat(ModelsFile.read(dir.resolve("absent.properties"))).isEmpty();
    assertThat(Promotion.environmentVariable("my-analyst")).isEqualTo("OPENAI_MY_ANALYST_MODEL");
    assertThat(Optional.of(ModelsFile.key("jung"))).contains("jung.model");
  }
}
