package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.SessionTranscript;
import dev.reve.testkit.ChatReply;
import dev.reve.testkit.EmulatedRequest;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SessionCommandTest {
  private static final String BASE = "gpt-4o-2024-08-06";
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  private OpenAiEmulator api;
  private Cli cli;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    api = openai.emulator();
    cli = Cli.against(api, dir);
    // these tests are about a chat model; ReasoningDefaultCommandTest runs with nothing set
    cli.env.put("REVE_BASE_MODEL", "gpt-4o-2024-08-06");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> messages(EmulatedRequest request) {
    return (List<Map<String, Object>>) request.json().get("messages");
  }

  @Test
  void repliesFromAFileMakeAThreeTurnConversationSavedAfterEveryTurn() throws Exception {
    api.chat().enqueue(BASE, ChatReply.text("What does the wolf bring to mind?"),
        ChatReply.text("Then the wolf is your brother."), ChatReply.text("I withdraw the brother."));
    Files.writeString(dir.resolve("replies.txt"), "My brother kept a dog like that.\n\n/save\nHe died last year.\n");

    Cli.Result result = cli.run("session", "--analyst", "freud", "--dream", "A wolf followed me through snow.",
        "--replies", "replies.txt", "--save", "talk.json");

    assertThat(result.code()).as(result.all()).isZero();
    assertThat(result.out()).contains("What does the wolf bring to mind?", "Then the wolf is your brother.",
        "I withdraw the brother.", "(turn 3, " + BASE);
    assertThat(result.err()).contains("Saved 2 turns to");
    List<EmulatedRequest> requests = api.chat().requests();
    assertThat(requests).hasSize(3);
    for (EmulatedRequest request : requests) {
      assertThat(messages(request).get(0).get("content")).isEqualTo(BuiltInAnalysts.FREUD.systemPrompt());
    }
    assertThat(messages(requests.get(2))).extracting(m -> m.get("content")).endsWith(
        "What does the wolf bring to mind?", "My brother kept a dog like that.",
        "Then the wolf is your brother.", "He died last year.");
    String saved = Files.readString(dir.resolve("talk.json"));
    assertThat(saved).doesNotContain(Cli.KEY);
    assertThat(SessionTranscript.fromJson(saved).turns()).hasSize(3);

    api.chat().enqueue(BASE, ChatReply.text("A fourth answer."));
    cli.stdin = "One more thing.\n/quit\nignored\n";
    Cli.Result resumed = cli.run("session", "--resume", "talk.json", "--save", "talk.json");
    assertThat(resumed.code()).as(resumed.all()).isZero();
    assertThat(resumed.out()).contains("[Resumed after 3 turns.]", "A fourth answer.", "(turn 4,");
    assertThat(messages(api.chat().requests().get(3))).hasSize(8);
    assertThat(SessionTranscript.fromJson(Files.readString(dir.resolve("talk.json"))).analystId()).isEqualTo("freud");
  }

  @Test
  void usageErrorsSayWhatToGive() throws Exception {
    assertThat(cli.run("session").err()).contains("Give the dream with --dream TEXT or --file PATH");
    Files.writeString(dir.resolve("bad.json"), "{\"format\":\"other\"}");
    Cli.Result bad = cli.run("session", "--resume", "bad.json");
    assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("format is not \"reve-session\"");
    assertThat(api.chat().requests()).isEmpty();
  }
}
