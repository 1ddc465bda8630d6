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
    assertThat(RunState.empty().allSucceeded()).as("an empty run has not succeeded").isFalse();
    RunUpload training = new RunUpload("jung.jsonl", "ab".repeat(32), 123L,
        Optional.of("jung-abababababab.jsonl"), Optional.of("file-1"));
    AnalystRun jung = new AnalystRun("jung", training, Optional.empty(),
        Optional.of(new RunJob("ftjob-1", Optional.of("running"), Optional.empty())), Optional.empty(), Optional.empty());
    RunState state = RunState.empty().withBaseModel("gpt-4o-mini-2024-07-18").with(jung).stamped("2026-01-01T00:00:00Z");
    file.save(state);

    assertThat(file.load()).isEqualTo(state);
    String json = Files.readString(file.path());
    assertThat(json).contains("\"fileId\": \"file-1\"").contains("\"id\": \"ftjob-1\"").contains("\"version\": 3").doesNotContain("null");
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("reve-finetune.json");
    }
  }

  @Test
  void aVersionOneStateFileIsReadAndRewrittenInTheCurrentFormat() throws Exception {
    Path path = dir.resolve("reve-finetune.json");
    Files.writeString(path, """
        {
          "version": 1,
          "baseModel": "gpt-4o-mini-2024-07-18",
          "analysts": {
            "jung": {
              "analyst": "jung", "trainingPath": "jung.jsonl", "sha256": "%s", "bytes": 123,
              "check": "ok", "uploadName": "jung-abababababab.jsonl", "fileId": "file-1",
              "validationPath": "jung-val.jsonl", "validationSha256": "%s", "validationBytes": 45,
              "validationFileId": "file-2", "jobId": "ftjob-1", "status": "failed",
              "error": "bad data [invalid_file]"
            },
            "freud": {"analyst": "freud", "trainingPath": "freud.jsonl", "sha256": "%s", "bytes": 7}
          },
          "updatedAt": "2026-01-01T00:00:00Z"
        }
        """.formatted("ab".repeat(32), "cd".repeat(32), "ef".repeat(32)));
    StateFile file = new StateFile(path);

    RunState state = file.load();
    AnalystRun jung = state.analyst("jung").orElseThrow();
    assertThat(state.baseModel()).contains("gpt-4o-mini-2024-07-18");
    assertThat(jung.training()).isEqualTo(new RunUpload("jung.jsonl", "ab".repeat(32), 123,
        Optional.of("jung-abababababab.jsonl"), Optional.of("file-1")));
    assertThat(jung.validation()).contains(new RunUpload("jung-val.jsonl", "cd".repeat(32), 45,
        Optional.empty(), Optional.of("file-2")));
    assertThat(jung.jobId()).contains("ftjob-1");
    assertThat(jung.failedOrCancelled()).isTrue();
    assertThat(jung.check()).contains("ok");
    assertThat(jung.error()).contains("bad data [invalid_file]");
    AnalystRun freud = state.analyst("freud").orElseThrow();
    assertThat(freud.training().uploaded()).isFalse();
    assertThat(freud.validation()).isEmpty();
    assertThat(freud.job()).isEmpty();
    assertThat(state.anyFailedOrCancelled()).isTrue();
    assertThat(state.allSucceeded()).isFalse();

    file.save(state);
    assertThat(Files.readString(path)).contains("\"version\": 3").contains("\"training\"");
    assertThat(file.load()).isEqualTo(state);
  }

  @Test
  void aVersionTwoStateFileReadsItsJobsAsOpenAisAndTheNextSaveRecordsTheProvider() throws Exception {
    Path path = dir.resolve("reve-finetune.json");
    Files.writeString(path, """
        {"version": 2, "baseModel": "gpt-4o-mini-2024-07-18", "analysts": {"jung": {"analyst": "jung",
          "training": {"path": "jung.jsonl", "sha256": "%s", "bytes": 9, "fileId": "file-1"},
          "job": {"id": "ftjob-1", "status": "running"}}}}
        """.formatted("ab".repeat(32)));
    StateFile file = new StateFile(path);
    RunState state = file.load();
    RunJob job = state.analyst("jung").orElseThrow().job().orElseThrow();
    assertThat(job.provider()).isEmpty();
    assertThat(job.providerKind()).isEqualTo(dev.reve.finetune.ProviderKind.OPENAI);
    RunState moved = state.with(state.analyst("jung").orElseThrow().withJob(
        new dev.reve.finetune.FineTuningJob("ftjob-1", 1L, null, null, null, "m", null, null, "succeeded", null,
            "file-1", null, null, null, null, null, null),
        dev.reve.finetune.FineTuningProvider.of(dev.reve.finetune.ProviderKind.TOGETHER, "https://api.together.ai/v1/")));
    file.save(moved);
    String json = Files.readString(path);
    assertThat(json).contains("\"version\": 3").contains("\"provider\": \"together\"")
        .contains("\"keyVariable\": \"TOGETHER_API_KEY\"").doesNotContain("null");
    assertThat(file.load().analyst("jung").orElseThrow().job().orElseThrow().providerKind())
        .isEqualTo(dev.reve.finetune.ProviderKind.TOGETHER);
  }

  @Test
  void aStateFileFromANewerVersionIsRefused() throws Exception {
    Path path = dir.resolve("reve-finetune.json");
    Files.writeString(path, "{\"version\": 4, \"analysts\": {}}");
    assertThatThrownBy(() -> new StateFile(path).load())
        .isInstanceOf(RunStateConflictException.class)
        .hasMessageContaining("newer");
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
