package dev.reve.finetune.distill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import dev.reve.analysis.EarlierDream;
import dev.reve.analysis.PromptBuilder;
import dev.reve.finetune.training.TrainingExample;
import dev.reve.openai.chat.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a training file's lines become: dreams with their replies, or skipped lines with the reason. */
class DistillInputsTest {
  private static final Dream CELLAR = Dream.builder("The cellar door opened onto a beach at night.").title("Cellar").build();

  @TempDir Path dir;

  private static String line(List<ChatMessage> messages) {
    return new TrainingExample(messages).toJsonLine();
  }

  @Test
  void aConversationKeepsItsRepliesInOrderAndOddShapesAreSkippedWithTheirLine() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(line(PromptBuilder.conversation(BuiltInAnalysts.JUNG, CELLAR, List.of(),
        List.of("A1", "The beach was where we spent summers.", "A2", "My brother was there.", "A3"))));
    lines.add(line(PromptBuilder.conversation(BuiltInAnalysts.JUNG, CELLAR,
        List.of(EarlierDream.of(LocalDate.parse("2026-01-02"), Dream.of("A stair to the sea."))), List.of("S1"))));
    lines.add(line(List.of(ChatMessage.system("x"), ChatMessage.user("Tell me about dreams."), ChatMessage.assistant("B"))));
    List<ChatMessage> endsWithUser = new ArrayList<>(PromptBuilder.messages(BuiltInAnalysts.JUNG, Dream.of("A red kite.")));
    endsWithUser.add(ChatMessage.assistant("C1"));
    endsWithUser.add(ChatMessage.user("And the string?"));
    lines.add(line(endsWithUser));
    lines.add("");
    lines.add(line(PromptBuilder.trainingMessages(BuiltInAnalysts.JUNG, Dream.of("A red kite."), "D")));
    Path file = dir.resolve("jung-examples.jsonl");
    Files.write(file, lines);

    DistillInputs inputs = DistillInputs.read(file, Optional.empty());

    assertThat(inputs.items()).extracting(DistillItem::id)
        .containsExactly("jung-examples.jsonl:1", "jung-examples.jsonl:6");
    DistillItem talk = inputs.items().get(0);
    assertThat(talk.dream()).isEqualTo(CELLAR);
    assertThat(talk.replies()).containsExactly("The beach was where we spent summers.", "My brother was there.");
    assertThat(talk.answers()).isEqualTo(3);
    assertThat(inputs.answers()).isEqualTo(4);
    assertThat(inputs.skipped()).extracting(Rejection::id)
        .containsExactly("jung-examples.jsonl:2", "jung-examples.jsonl:3", "jung-examples.jsonl:4");
    assertThat(inputs.skipped()).allSatisfy(r -> {
      assertThat(r.turn()).isZero();
      assertThat(r.reason()).contains("not distilled");
    });
  }

  @Test
  void theKeyFollowsWhatIsAskedNotWhereItStands() {
    DistillItem one = new DistillItem("a:1", CELLAR, List.of("reply"));
    assertThat(new DistillItem("b:9", CELLAR, List.of("reply")).key()).isEqualTo(one.key());
    assertThat(new DistillItem("a:1", CELLAR, List.of("other")).key()).isNotEqualTo(one.key());
    assertThat(new DistillItem("a:1", CELLAR, List.of()).key()).isNotEqualTo(one.key());
  }
}
