package dev.reve.finetune.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State files that are not ours, or not sane, are refused and never overwritten. */
class ForeignStateFileTest {
  @TempDir Path dir;

  private Path write(String json) throws Exception {
    Path path = dir.resolve("reve-finetune.json");
    Files.writeString(path, json);
    return path;
  }

  private void refused(String json, String... fragments) throws Exception {
    Path path = write(json);
    StateFile file = new StateFile(path);
    assertThatThrownBy(file::load).isInstanceOf(RunStateConflictException.class)
        .hasMessageContaining(path.toString()).hasMessageContaining(fragments[0]);
    assertThatThrownBy(() -> file.save(RunState.empty())).isInstanceOf(RunStateConflictException.class);
    assertThat(Files.readString(path)).isEqualTo(json);
  }

  @Test
  void anotherToolsJsonIsRefusedAndKept() throws Exception {
    refused("{\"name\":\"my-app\",\"version\":\"1.0.0\",\"dependencies\":{}}", "not a Rêve run state");
  }

  @Test
  void jsonThatIsNotAnObjectIsRefused() throws Exception {
    refused("[1,2,3]", "not a Rêve run state");
  }

  @Test
  void aNegativeVersionIsRefused() throws Exception {
    refused("{\"version\":-5}", "format version -5");
  }

  @Test
  void aNullEntryIsRefused() throws Exception {
    refused("{\"version\":2,\"analysts\":{\"jung\":null}}", "entry 'jung'");
  }

  @Test
  void anEntryUnderAnotherAnalystsKeyIsRefused() throws Exception {
    refused("{\"version\":2,\"analysts\":{\"jung\":{\"analyst\":\"freud\",\"training\":{\"path\":\"f.jsonl\","
        + "\"sha256\":\"" + "ab".repeat(32) + "\",\"bytes\":1}}}}", "'freud'");
  }

  @Test
  void theStateFileIsOwnerOnly() throws Exception {
    StateFile file = new StateFile(dir.resolve("reve-finetune.json"));
    RunUpload training = new RunUpload("jung.jsonl", "ab".repeat(32), 1L, Optional.empty(), Optional.empty());
    file.save(RunState.empty().with(AnalystRun.started("jung", training)));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
  }
}
