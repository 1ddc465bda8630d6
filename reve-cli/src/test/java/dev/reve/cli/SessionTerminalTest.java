package dev.reve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.analysis.SessionTranscript;
import dev.reve.testkit.ChatReply;
import dev.reve.testkit.OpenAiEmulator;
import dev.reve.testkit.OpenAiEmulatorExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reve session} typed into a real terminal: tmux runs the command in a pseudo-terminal,
 * the replies are typed as keys, and the screen is read back. Skipped when tmux is not installed.
 */
class SessionTerminalTest {
  private static final String BASE = "gpt-4o-2024-08-06";
  @RegisterExtension final OpenAiEmulatorExtension openai = new OpenAiEmulatorExtension();
  @TempDir Path dir;

  @Test
  void aPersonTypesRepliesSavesAndQuits() throws Exception {
    Assumptions.assumeTrue(tmuxPresent(), "tmux is not installed: the terminal check of reve session is skipped");
    OpenAiEmulator api = openai.emulator();
    api.chat().enqueue(BASE, ChatReply.text("What did the snow feel like?"), ChatReply.text("Cold: then it is grief."));
    String session = "reve-test-" + UUID.randomUUID();
    String done = session + "-done";
    Path script = dir.resolve("run.sh");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(script, String.join("\n",
        "#!/bin/sh",
        "cd '" + dir + "'",
        "export OPENAI_API_KEY='" + Cli.KEY + "' OPENAI_BASE_URL='" + api.baseUrl() + "'"
            + " REVE_BASE_MODEL='" + BASE + "'",
        "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.reve.cli.Reve session"
            + " --dream 'Snow fell in the kitchen.' --save talk.json",
        "echo \"EXIT=$?\"",
        "tmux wait-for -S " + done,
        "exec sleep 600", ""), StandardCharsets.UTF_8);
    tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50", "sh " + script);
    try {
      tmux("send-keys", "-t", session, "-l", "It was my grandmother's kitchen.");
      tmux("send-keys", "-t", session, "Enter");
      tmux("send-keys", "-t", session, "-l", "/save");
      tmux("send-keys", "-t", session, "Enter");
      tmux("send-keys", "-t", session, "-l", "/quit");
      tmux("send-keys", "-t", session, "Enter");
      Process wait = new ProcessBuilder("tmux", "wait-for", done).inheritIO().start();
      assertThat(wait.waitFor(60, TimeUnit.SECONDS)).as("reve session ended").isTrue();
      String screen = tmux("capture-pane", "-p", "-t", session, "-S", "-200");
      assertThat(screen).contains("What did the snow feel like?", "you> ", "Cold: then it is grief.",
          "Saved 2 turns to", "EXIT=0");
      SessionTranscript saved = SessionTranscript.fromJson(Files.readString(dir.resolve("talk.json")));
      assertThat(saved.turns()).hasSize(2);
      assertThat(saved.turns().get(1).reply()).contains("It was my grandmother's kitchen.");
    } finally {
      tmux("kill-session", "-t", session);
    }
  }

  private static boolean tmuxPresent() {
    try {
      Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("tmux %s", args[0]).isTrue();
    return output;
  }
}
