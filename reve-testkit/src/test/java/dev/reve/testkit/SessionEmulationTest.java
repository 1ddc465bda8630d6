package dev.reve.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.AnalysisSession;
import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.PromptBuilder;
import dev.reve.analysis.SessionTurn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A conversation with an analyst runs offline against the emulator. */
class SessionEmulationTest {
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();

  @Test
  void aThreeTurnSessionSendsTheWholeHistoryEveryTurn(OpenAiEmulator api) {
    Dream dream = Dream.of("I was swimming beside a whale in green water.");
    try (DreamAnalysts analysts = DreamAnalysts.builder(api.client()).checkShutdownDates(false).build()) {
      AnalysisSession session = analysts.analyst("jung").session(dream);
      SessionTurn first = session.begin();
      session.reply("I grew up by the sea.");
      SessionTurn third = session.reply("My father was a fisherman.");

      assertThat(first.answer()).isNotBlank();
      assertThat(third.number()).isEqualTo(3);
      List<ChatCall.Message> last = chatCall(api, 2).messages();
      // the builder's messages, instructions in the role of the default (reasoning) model
      List<ChatCall.Message> expected = PromptBuilder.forModel(
              PromptBuilder.conversation(BuiltInAnalysts.JUNG, dream, List.of(),
                  session.transcript().alternatingTurns().subList(0, 4)),
              dev.reve.openai.models.ModelCatalog.builtIn().capabilities(
                  dev.reve.analysis.ModelResolver.DEFAULT_BASE_MODEL)).stream()
          .map(m -> new ChatCall.Message(m.role(), m.content())).toList();
      assertThat(last).isEqualTo(expected);
      for (int i = 0; i < 3; i++) {
        assertThat(chatCall(api, i).systemPrompt()).contains(BuiltInAnalysts.JUNG.systemPrompt());
      }
    }
  }

  private static ChatCall chatCall(OpenAiEmulator api, int index) {
    return ChatCall.of(api.chat().requests().get(index));
  }
}
