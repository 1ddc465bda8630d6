package dev.reve.bench;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.reve.openai.chat.ChatMessage;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The training data the benchmarks read: the committed Jung examples (packed into the jar from
 * {@code training-data/jung-examples.jsonl}) and large files made from them. Each repetition puts
 * a marker such as {@code (Night 7)} at the start of every dream, so no two lines are equal and the
 * file still passes the validator's train/serve skew check.
 */
public final class TrainingCorpus {
  /** Where the Jung examples sit on the class path. */
  public static final String RESOURCE = "/training-data/jung-examples.jsonl";

  /** The start of the dream in a user message, as it appears inside a JSON string. */
  static final String DREAM_MARKER = "Dream:\\n";

  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private TrainingCorpus() {}

  /**
   * A file written by {@link #write}.
   *
   * @param file where it is
   * @param bytes its size
   * @param lines its examples
   */
  public record Written(Path file, long bytes, int lines) {}

  /** The lines of the committed Jung examples. */
  public static List<String> jungLines() {
    try (InputStream in = TrainingCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is not on the class path; build reve-bench with Maven, which packs it");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      return List.copyOf(lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Line {@code index} of an endless file: the examples in order, and from the second pass on
   * each dream starts with the pass's night number.
   */
  public static String line(List<String> examples, int index) {
    String line = examples.get(index % examples.size());
    int round = index / examples.size();
    if (round == 0) {
      return line;
    }
    int at = line.indexOf(DREAM_MARKER);
    if (at < 0) {
      throw new IllegalStateException("example " + (index % examples.size() + 1)
          + " has no \"Dream:\" section in its user message; it was not written by PromptBuilder");
    }
    int cut = at + DREAM_MARKER.length();
    return line.substring(0, cut) + "(Night " + (round + 1) + ") " + line.substring(cut);
  }

  /** Writes whole lines until the file holds at least {@code targetBytes}. */
  public static Written write(Path file, long targetBytes) {
    Objects.requireNonNull(file, "file");
    List<String> examples = jungLines();
    long bytes = 0;
    int lines = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (bytes < targetBytes) {
        String line = line(examples, lines++);
        out.write(line);
        out.write('\n');
        bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return new Written(file, bytes, lines);
  }

  /** Reads a JSONL file of {@code {"messages": [...]}} lines back into chat messages. */
  public static List<List<ChatMessage>> readMessages(Path file) {
    List<List<ChatMessage>> examples = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        examples.add(messages(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return examples;
  }

  /** The messages of one JSONL line. */
  static List<ChatMessage> messages(String line) {
    try {
      Map<?, ?> object = (Map<?, ?>) JSON.fromJson(line);
      List<ChatMessage> messages = new ArrayList<>();
      for (Object m : (List<?>) Objects.requireNonNull(object).get("messages")) {
        Map<?, ?> message = (Map<?, ?>) m;
        String role = (String) message.get("role");
        String content = (String) message.get("content");
        messages.add(new ChatMessage(role, content, Optional.empty()));
      }
      return List.copyOf(messages);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON line: " + line.substring(0, Math.min(80, line.length())), e);
    }
  }

  /** The assistant answers of the Jung examples, in file order. */
  public static List<String> jungAnswers() {
    List<String> answers = new ArrayList<>();
    for (String line : jungLines()) {
      for (ChatMessage m : messages(line)) {
        if (m.role().equals("assistant")) {
          answers.add(m.content());
        }
      }
    }
    return List.copyOf(answers);
  }
}
