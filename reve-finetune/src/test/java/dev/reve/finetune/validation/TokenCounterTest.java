package dev.reve.finetune.validation;

import static dev.reve.finetune.validation.TrainingFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.openai.chat.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCounterTest {
  private static final TokenCounter COUNTER = TokenCounter.o200k();

  @Test
  void countsHandVerifiableStringsWithO200k() {
    assertThat(COUNTER.encodingName()).isEqualTo("o200k_base");
    assertThat(COUNTER.count("")).isZero();
    assertThat(COUNTER.count("hello world")).isEqualTo(2); // "hello" " world"
    assertThat(COUNTER.count("Hello, world!")).isEqualTo(4); // "Hello" "," " world" "!"
    assertThat(COUNTER.count("user")).isEqualTo(1);
    assertThat(COUNTER.count("assistant")).isEqualTo(1);
    assertThat(COUNTER.count("system")).isEqualTo(1);
  }

  @Test
  void specialTokenTextCountsAsOrdinaryText() {
    assertThat(COUNTER.count("<|endoftext|>")).isGreaterThan(1);
  }

  @Test
  void chatFramingIsThreePerMessageOnePerNameAndThreeToPrimeTheReply() {
    List<ChatMessage> one = List.of(ChatMessage.user("hello world"));
    List<ChatMessage> named = List.of(new ChatMessage("user", "hello world", Optional.of("hello")));
    List<ChatMessage> two = List.of(ChatMessage.user("hello world"), ChatMessage.assistant("Hello, world!"));

    assertThat(COUNTER.countMessages(List.of())).isEqualTo(3);
    assertThat(COUNTER.countMessages(one)).isEqualTo(3 + (1 + 2) + 3);
    assertThat(COUNTER.countMessages(named)).isEqualTo(3 + (1 + 2) + (1 + 1) + 3);
    assertThat(COUNTER.countMessages(two)).isEqualTo(3 + (3 + 1 + 2) + (3 + 1 + 4));
  }

  @Test
  void theValidatorCountsEachExampleTheSameWay(@TempDir Path dir) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add("{\"messages\":[{\"role\":\"user\",\"content\":\"hello world\",\"name\":\"hello\"},"
          + "{\"role\":\"assistant\",\"content\":\"Hello, world!\"}]}");
    }
    lines.set(9, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"},"
        + "{\"type\":\"text\",\"text\":\" world\"}]},{\"role\":\"assistant\",\"content\":\"Hello, world!\",\"weight\":1}]}");

    TokenStats stats = new TrainingDataValidator().validate(write(dir, lines), ValidationOptions.defaults()).tokens();

    int named = 3 + (3 + 1 + 2 + 1 + 1) + (3 + 1 + 4);
    int parts = 3 + (3 + 1 + 2) + (3 + 1 + 4);
    assertThat(stats.perExample()).hasSize(10).startsWith(named).endsWith(parts);
    assertThat(stats.total()).isEqualTo(9L * named + parts);
    assertThat(stats.max()).isEqualTo(named);
    assertThat(stats.maxLine()).isEqualTo(1);
    assertThat(stats.min()).isEqualTo(parts);
    assertThat(stats.histogram()).containsExactly(java.util.Map.entry(32, 10));
  }
}
