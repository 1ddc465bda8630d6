package dev.reve.finetune.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import dev.reve.openai.chat.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingFileWriterTest {
  @TempDir Path dir;

  private static TrainingExample example(String answer) {
    return TrainingExample.of(BuiltInAnalysts.FREUD,
        Dream.builder("Ich träume — \"quoted\" and a back\\slash\tand a tab.").title("Fräulein Ö").build(), answer);
  }

  @Test
  void writesUtf8LfJsonlWithoutBomAndReportsItsHash() throws Exception {
    List<TrainingExample> examples = List.of(example("Erstens."), example("Zweitens, \u2028 and \u0001."));

    WrittenFile written = TrainingFileWriter.write(dir.resolve("out/freud.jsonl"), examples);

    byte[] bytes = Files.readAllBytes(written.path());
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(bytes[0]).isEqualTo((byte) '{');
    assertThat(text).doesNotContain("\r").endsWith("}\n").contains("träume — \\\"quoted\\\"", "back\\\\slash\\t");
    assertThat(text).contains("\\u2028", "\\u0001");
    assertThat(text.split("\n")).hasSize(2);
    assertThat(written.examples()).isEqualTo(2);
    assertThat(written.bytes()).isEqualTo(bytes.length);
    assertThat(written.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
  }

  @Test
  void eachLineParsesBackToTheSameMessages() throws Exception {
    TrainingExample example = example("Zweitens, \u2028 and \u0001 and \"quotes\".");
    TrainingFileWriter.write(dir.resolve("f.jsonl"), List.of(example));

    String line = Files.readAllLines(dir.resolve("f.jsonl"), StandardCharsets.UTF_8).get(0);
    Map<?, ?> parsed = (Map<?, ?>) JsonReader.of(new Buffer().writeUtf8(line)).readJsonValue();
    List<?> messages = (List<?>) parsed.get("messages");

    assertThat(messages).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Map<?, ?> m = (Map<?, ?>) messages.get(i);
      assertThat(m.get("role")).isEqualTo(example.messages().get(i).role());
      assertThat(m.get("content")).isEqualTo(example.messages().get(i).content());
    }
  }

  @Test
  void namesAreWrittenWhenPresent() {
    TrainingExample named = new TrainingExample(List.of(
        new ChatMessage("user", "hi", Optional.of("ana")), ChatMessage.assistant("hello")));

    assertThat(named.toJsonLine()).isEqualTo(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"name\":\"ana\"},"
            + "{\"role\":\"assistant\",\"content\":\"hello\"}]}");
  }

  @Test
  void anExampleNeedsAnAssistantMessage() {
    assertThatThrownBy(() -> new TrainingExample(List.of(ChatMessage.user("hi"))))
        .hasMessageContaining("assistant");
  }

  @Test
  void nothingAppearsAtTheTargetUntilCommitAndCloseCleansUp() throws Exception {
    Path target = dir.resolve("jung.jsonl");
    Files.writeString(target, "old\n");

    try (TrainingFileWriter writer = TrainingFileWriter.open(target)) {
      writer.write(example("a"));
      assertThat(Files.readString(target)).isEqualTo("old\n");
    }

    assertThat(Files.readString(target)).isEqualTo("old\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void commitReplacesTheTargetAndLeavesNoTemporaryFile() throws Exception {
    Path target = dir.resolve("jung.jsonl");
    Files.writeString(target, "old\n");

    WrittenFile written;
    try (TrainingFileWriter writer = TrainingFileWriter.open(target)) {
      written = writer.write(example("a")).write(example("b")).commit();
      assertThatThrownBy(() -> writer.write(example("c"))).isInstanceOf(IllegalStateException.class);
    }

    assertThat(written.examples()).isEqualTo(2);
    assertThat(Files.readAllLines(target)).hasSize(2);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void theFileIsReadableByOthersLikeAnyFile() throws Exception {
    Path target = dir.resolve("new.jsonl");
    TrainingFileWriter.write(target, List.of(example("a")));

    if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
          .isEqualTo("rw-r--r--");
    }
  }
}
