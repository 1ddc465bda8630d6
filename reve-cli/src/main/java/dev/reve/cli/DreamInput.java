package dev.reve.cli;

import dev.reve.analysis.Dream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a dream comes from ({@code --dream}, {@code --file} or standard input) and its optional
 * title, dreamer's context and associations.
 */
public final class DreamInput {
  @Option(names = "--dream", paramLabel = "TEXT", description = "The dream itself.")
  String text;

  @Option(
      names = "--file",
      paramLabel = "PATH",
      description = "Read the dream from this file (UTF-8). Without --dream or --file it is read"
          + " from standard input.")
  Path file;

  @Option(names = "--title", paramLabel = "T", description = "A title for the dream.")
  String title;

  @Option(
      names = "--context",
      paramLabel = "TEXT",
      description = "The dreamer's situation: age band, what is going on in their life.")
  String context;

  @Option(
      names = "--associations",
      paramLabel = "TEXT",
      description = "The dreamer's own notes on the dream's images.")
  String associations;

  /**
   * The dream, read from wherever the options say.
   *
   * @throws CliException (usage) when both sources are given, the file is missing, or the dream
   *     is empty
   */
  public Dream read(CliEnvironment env) {
    if (text != null && file != null) {
      throw CliException.usage("Give the dream with --dream or with --file, not both.");
    }
    String content;
    if (text != null) {
      content = text;
    } else if (file != null) {
      content = readFile(env.resolve(file));
    } else {
      if (env.interactive()) {
        env.err().println("Type or paste the dream, then press Ctrl-D (Ctrl-Z, Enter on Windows):");
        env.err().flush();
      }
      try {
        content = new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CliException.usage("Cannot read the dream from standard input: " + e.getMessage());
      }
    }
    if (content.isBlank()) {
      throw CliException.usage(
          "The dream is empty: pass it with --dream TEXT, --file PATH, or on standard input.");
    }
    return Dream.builder(content).title(title).context(context).associations(associations).build();
  }

  private static String readFile(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.usage("Dream file " + path + " does not exist.");
    } catch (IOException e) {
      throw CliException.usage("Cannot read dream file " + path + ": " + e.getMessage());
    }
  }
}
