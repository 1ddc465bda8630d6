package dev.reve.cli;

import dev.reve.analysis.Dream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.FileSystemException;
import java.nio.file.attribute.BasicFileAttributes;
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
  /** Far above any dream (the default dream limit is a few thousand characters). */
  private static final int MAX_BYTES = 1024 * 1024;

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
        content = utf8(env.stdin().readNBytes(MAX_BYTES + 1), "Standard input");
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

  /**
   * Reads the file only once it is known to be a regular file of sane size, so a FIFO or a
   * device never makes the command hang; says what is wrong in the dreamer's terms.
   */
  private static String readFile(Path path) {
    String name = "Dream file " + path;
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw CliException.usage(name + " does not exist.");
    } catch (FileSystemException e) {
      if (Files.isSymbolicLink(path)) {
        throw CliException.usage(name + " is a symbolic link that does not lead to a file (a loop"
            + " or a chain that is too long): point it at the dream's file.");
      }
      throw CliException.usage("Cannot read " + name.toLowerCase(java.util.Locale.ROOT) + ": "
          + e.getMessage());
    } catch (IOException e) {
      throw CliException.usage("Cannot read dream file " + path + ": " + e.getMessage());
    }
    if (attributes.isDirectory()) {
      throw CliException.usage(name + " is a directory; give the path of a text file in it.");
    }
    if (!attributes.isRegularFile()) {
      throw CliException.usage(name + " is not a regular file (a FIFO, a device or a socket);"
          + " save the dream to a file, or pipe it on standard input.");
    }
    if (attributes.size() == 0) {
      throw CliException.usage(name + " is empty; write the dream into it first.");
    }
    if (attributes.size() > MAX_BYTES) {
      throw CliException.usage(name + " is " + attributes.size() + " bytes; a dream file may have"
          + " at most " + MAX_BYTES + ".");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return utf8(in.readNBytes(MAX_BYTES + 1), name);
    } catch (IOException e) {
      throw CliException.usage("Cannot read dream file " + path + ": " + e.getMessage());
    }
  }

  /** Strict UTF-8: invalid bytes are refused, never replaced and sent. */
  private static String utf8(byte[] bytes, String source) {
    if (bytes.length > MAX_BYTES) {
      throw CliException.usage(source + " holds more than " + MAX_BYTES + " bytes; a dream is"
          + " far shorter.");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      int offset = firstInvalid(bytes);
      throw CliException.usage(source + " is not valid UTF-8 (the first bad byte is at offset "
          + offset + "); save it as UTF-8 and try again. Nothing was sent.");
    }
  }

  private static int firstInvalid(byte[] bytes) {
    java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }
}
