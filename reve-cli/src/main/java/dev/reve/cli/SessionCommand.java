package dev.reve.cli;

import dev.reve.analysis.AnalysisSession;
import dev.reve.analysis.Dream;
import dev.reve.analysis.DreamAnalyst;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.InvalidTranscriptException;
import dev.reve.analysis.ModelChoiceExplanation;
import dev.reve.analysis.SessionTranscript;
import dev.reve.analysis.SessionTurn;
import dev.reve.openai.OpenAiClient;
import dev.reve.storage.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reve session}: a conversation with one analyst about one dream, typed or scripted. */
@Command(
    name = "session",
    mixinStandardHelpOptions = true,
    description = {
      "Talk with one analyst about a dream: the analyst answers, you reply (with your associations,"
          + " your situation, an objection or another dream), and the reading is revised.",
      "On a terminal, type each reply and press Enter; /save [FILE] saves the conversation, /quit"
          + " ends it. Otherwise replies are read one per line from --replies FILE or standard"
          + " input. --save FILE keeps the transcript (JSON, no key) after every turn; --resume"
          + " FILE continues it."
    })
public final class SessionCommand extends Subcommand {
  @Option(names = "--analyst", paramLabel = "ID", defaultValue = "jung",
      description = "jung or freud (default: ${DEFAULT-VALUE}); with --resume, the transcript's.")
  String analyst;

  @ArgGroup(exclusive = false)
  DreamInput input;

  @Option(names = "--resume", paramLabel = "FILE", description = "Continue the conversation saved in FILE.")
  Path resume;

  @Option(names = "--save", paramLabel = "FILE", description = "Save the transcript to FILE after every turn.")
  Path save;

  @Option(names = "--replies", paramLabel = "FILE",
      description = "Read the dreamer's replies from FILE, one per non-blank line, instead of asking.")
  Path replies;

  /** Created by picocli. */
  public SessionCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    boolean analystGiven = spec.commandLine().getParseResult().hasMatchedOption("--analyst");
    SessionTranscript stored = resume == null ? null : readTranscript(env.resolve(resume));
    if (stored != null && input != null) {
      throw CliException.usage("--resume continues a stored dream: leave out --dream, --file and the other dream options.");
    }
    if (stored == null && (input == null || input.text == null && input.file == null)) {
      throw CliException.usage("Give the dream with --dream TEXT or --file PATH (standard input carries the replies),"
          + " or continue a conversation with --resume FILE.");
    }
    String id = stored != null && !analystGiven ? stored.analystId() : analyst.strip().toLowerCase(Locale.ROOT);
    BufferedReader lines = replies == null
        ? new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8))
        : new BufferedReader(new StringReader(readText(env.resolve(replies), "replies")));
    boolean prompt = env.interactive() && replies == null;
    try (OpenAiClient client = client();
        DreamAnalysts analysts = Analysts.open(client, env)) {
      DreamAnalyst one = analysts.analyst(id);
      AnalysisSession session;
      if (stored != null) {
        try {
          session = one.resume(stored);
        } catch (IllegalArgumentException e) {
          throw CliException.usage(e.getMessage());
        }
      } else {
        Dream dream = input.read(env);
        analysts.limits().check(dream);
        session = one.session(dream);
      }
      out().println("== " + one.profile().name() + " (" + one.id() + ") " + "=".repeat(40));
      ModelChoiceExplanation.of(one.modelChoice()).lines().forEach(out()::println);
      markIfEmulated();
      if (stored != null) {
        out().println("[Resumed after " + stored.turns().size() + " turns.]");
        stored.latest().ifPresent(t -> out().println("\n" + TerminalText.neutralise(t.answer())));
      }
      out().flush();
      if (!session.started()) {
        show(session, session.begin(this::print));
      }
      conversation(session, lines, prompt);
    }
    return ExitCode.OK;
  }

  private void conversation(AnalysisSession session, BufferedReader lines, boolean prompt) {
    while (true) {
      if (prompt) {
        out().print("\nyou> ");
        out().flush();
      }
      String line;
      try {
        line = lines.readLine();
      } catch (IOException e) {
        throw CliException.usage("Cannot read the replies: " + e.getMessage());
      }
      if (line == null || line.strip().equals("/quit")) {
        saveTo(save, session, false);
        return;
      }
      String reply = line.strip();
      if (reply.isEmpty()) {
        continue;
      }
      if (reply.equals("/save") || reply.startsWith("/save ")) {
        String target = reply.substring("/save".length()).strip();
        Path file = target.isEmpty() ? save : Path.of(target);
        if (file == null) {
          err().println("Give a file: /save FILE (or start with --save FILE).");
          err().flush();
        } else {
          saveTo(file, session, true);
        }
        continue;
      }
      if (reply.startsWith("/")) {
        err().println("Unknown command " + reply + ": /save [FILE] or /quit.");
        err().flush();
        continue;
      }
      show(session, session.reply(reply, this::print));
    }
  }

  private void print(String piece) {
    out().print(TerminalText.neutralise(piece));
    out().flush();
  }

  private void show(AnalysisSession session, SessionTurn turn) {
    out().println();
    if (turn.fellBack()) {
      out().println("[Fell back: the configured model is gone; " + turn.model() + " answered.]");
    }
    turn.leftOut().ifPresent(note -> out().println("[" + note + "]"));
    out().println("(turn " + turn.number() + ", " + turn.model() + ", " + turn.usage().promptTokens()
        + " prompt + " + turn.usage().completionTokens() + " completion tokens"
        + (turn.usage().reasoningTokens() > 0 ? ", " + turn.usage().reasoningTokens() + " reasoning" : "")
        + ")");
    out().flush();
    saveTo(save, session, false);
  }

  private void saveTo(Path file, AnalysisSession session, boolean say) {
    if (file == null || session == null) {
      return;
    }
    Path target = env.resolve(file);
    AtomicFiles.write(target, (session.transcript().toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    if (say) {
      err().println("Saved " + session.turns().size() + " turns to " + Places.show(env, target) + ".");
      err().flush();
    }
  }

  private static SessionTranscript readTranscript(Path file) {
    try {
      return SessionTranscript.fromJson(readText(file, "transcript"));
    } catch (InvalidTranscriptException e) {
      throw CliException.usage(file + ": " + e.getMessage());
    }
  }

  private static String readText(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.usage("The " + what + " file " + file + " does not exist.");
    } catch (IOException e) {
      throw CliException.usage("Cannot read the " + what + " file " + file + ": " + e.getMessage());
    }
  }
}
