package dev.reve.finetune.training;

import dev.reve.storage.Sha256;
import dev.reve.analysis.AnalystProfile;
import dev.reve.analysis.Dream;
import dev.reve.analysis.PromptBuilder;
import dev.reve.openai.chat.ChatMessage;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.reve.openai.spi.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One line of a chat fine-tuning file: the messages of a conversation ending in the answer to
 * learn. Build examples with {@link #of(AnalystProfile, Dream, String)}, which goes through the
 * same {@link PromptBuilder} as inference, so what is trained is exactly what is served.
 *
 * @param messages the conversation, ending with an assistant message
 */
public record TrainingExample(List<ChatMessage> messages) {

  /** Copies the messages and requires at least one assistant message. */
  public TrainingExample {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.stream().noneMatch(m -> m.role().equals("assistant"))) {
      throw new IllegalArgumentException("a training example needs an assistant message to learn");
    }
  }

  /** An example for an analyst: its system prompt, the dream as the user message, the answer. */
  public static TrainingExample of(AnalystProfile analyst, Dream dream, String answer) {
    return new TrainingExample(PromptBuilder.trainingMessages(analyst, dream, answer));
  }

  /**
   * An example of a whole conversation: the first answer, then the dreamer's replies and the
   * analyst's answers alternating, ending with an answer. Built by {@link
   * PromptBuilder#conversation}, which also builds every turn of a served {@code AnalysisSession},
   * so a model is served exactly the history it learned; one turn is {@link #of}.
   */
  public static TrainingExample conversation(AnalystProfile analyst, Dream dream, List<String> turns) {
    if (turns.isEmpty() || turns.size() % 2 == 0) {
      throw new IllegalArgumentException(
          "a conversation to learn ends with the analyst's answer; got " + turns.size() + " turns");
    }
    return new TrainingExample(PromptBuilder.conversation(analyst, dream, List.of(), turns));
  }

  /**
   * Reads a chat JSONL file back into examples, one per non-blank line. Validate the file first
   * ({@code TrainingDataValidator}): this reads only {@code messages} and fails on the first line
   * that is not an example.
   *
   * @throws InvalidTrainingSourceException naming the file and line that cannot be read
   */
  public static List<TrainingExample> readJsonl(Path file) {
    JsonAdapter<TrainingExample> adapter = Json.MOSHI.adapter(TrainingExample.class);
    List<TrainingExample> examples = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          TrainingExample example = adapter.fromJson(line);
          if (example == null) {
            throw new JsonDataException("null");
          }
          examples.add(example);
        } catch (IOException | RuntimeException e) {
          throw new InvalidTrainingSourceException(
              file + ":" + number + ": not a chat training example (" + e.getMessage()
                  + "); run the validator on this file first");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return examples;
  }

  /** The JSON line, without the line feed: {@code {"messages":[{"role":...,"content":...},...]}}. */
  public String toJsonLine() {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"messages\":[");
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"role\":");
      string(json, m.role());
      json.append(",\"content\":");
      string(json, m.content());
      if (m.name().isPresent()) {
        json.append(",\"name\":");
        string(json, m.name().get());
      }
      json.append('}');
    }
    return json.append("]}").toString();
  }

  /** SHA-256 (hex) of the JSON line: a stable identity for splitting and deduplication. */
  public String sha256() {
    return Sha256.hex(toJsonLine());
  }

  /** A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8. */
  static void string(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u2028', '\u2029' -> out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
