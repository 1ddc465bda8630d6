package dev.reve.finetune.distill;

import com.squareup.moshi.JsonAdapter;
import dev.reve.analysis.Dream;
import dev.reve.analysis.PromptBuilder;
import dev.reve.analysis.batch.DreamFile;
import dev.reve.analysis.batch.DreamRecord;
import dev.reve.analysis.batch.InvalidDreamFileException;
import dev.reve.finetune.training.TrainingExample;
import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.spi.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The dreams to distil, read from a chat training file (each example's dream and, for a
 * conversation, the dreamer's replies) and from a dreams file ({@link DreamFile}'s JSONL). Inputs
 * that cannot be distilled are kept as {@link Rejection}s with their line; the same dream twice is
 * asked once.
 *
 * @param items the dreams to ask about, in file order, training file first
 * @param skipped the inputs left out, with why
 */
public record DistillInputs(List<DistillItem> items, List<Rejection> skipped) {
  private static final JsonAdapter<TrainingExample> EXAMPLE = Json.MOSHI.adapter(TrainingExample.class);

  /** Copies the lists. */
  public DistillInputs {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
  }

  /**
   * Reads the inputs.
   *
   * @param trainingFile a chat training file in the project's shape ({@code messages} JSONL)
   * @param dreamsFile an optional JSONL of extra dreams ({@code {"id", "content", "title"?, ...}})
   * @throws InvalidDistillInputException naming the file and line that is not JSON of the right shape
   * @throws UncheckedIOException when a file cannot be read
   */
  public static DistillInputs read(Path trainingFile, Optional<Path> dreamsFile) {
    Objects.requireNonNull(trainingFile, "trainingFile");
    Objects.requireNonNull(dreamsFile, "dreamsFile");
    List<DistillItem> items = new ArrayList<>();
    List<Rejection> skipped = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    readTraining(trainingFile, items, skipped, keys);
    if (dreamsFile.isPresent()) {
      readDreams(dreamsFile.get(), items, skipped, keys);
    }
    if (items.isEmpty()) {
      throw new InvalidDistillInputException(
          "nothing to distil in " + trainingFile + dreamsFile.map(d -> " and " + d).orElse("")
              + (skipped.isEmpty() ? ": the files hold no examples or dreams" : ": every input was skipped ("
                  + skipped.get(0) + (skipped.size() > 1 ? ", ..." : "") + ")"));
    }
    return new DistillInputs(items, skipped);
  }

  /** How many answers the model gives for all items. */
  public int answers() {
    return items.stream().mapToInt(DistillItem::answers).sum();
  }

  private static void readTraining(
      Path file, List<DistillItem> items, List<Rejection> skipped, Set<String> keys) {
    String name = String.valueOf(file.getFileName());
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String id = name + ":" + number;
        TrainingExample example;
        try {
          example = EXAMPLE.fromJson(line);
        } catch (IOException | RuntimeException e) {
          throw new InvalidDistillInputException(file + ":" + number + ": not a chat training example ("
              + e.getMessage() + "); check it with reve finetune validate " + file);
        }
        if (example == null) {
          throw new InvalidDistillInputException(file + ":" + number + ": the line is null, not an example");
        }
        fromExample(id, example.messages()).ifPresentOrElse(
            item -> add(item, items, skipped, keys),
            () -> skipped.add(new Rejection(id, 0, "the example is not a dream in the prompt builder's"
                + " shape (system prompt, \"Analyze this dream.\" user message, answers and replies"
                + " alternating) or carries earlier dreams of a series; not distilled")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the training file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The dream and replies of a training example, when it has the prompt builder's shape. */
  static Optional<DistillItem> fromExample(String id, List<ChatMessage> messages) {
    int at = 0;
    while (at < messages.size() && isInstructions(messages.get(at))) {
      at++;
    }
    if (at >= messages.size() || !messages.get(at).role().equals("user")) {
      return Optional.empty();
    }
    String first = messages.get(at).content();
    Optional<Dream> dream = PromptBuilder.parseUserMessage(first)
        .filter(d -> PromptBuilder.userMessage(d).equals(first));
    if (dream.isEmpty()) {
      return Optional.empty();
    }
    List<String> replies = new ArrayList<>();
    boolean answerNext = true;
    for (int i = at + 1; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      if (!m.role().equals(answerNext ? "assistant" : "user")) {
        return Optional.empty();
      }
      if (!answerNext) {
        replies.add(m.content());
      }
      answerNext = !answerNext;
    }
    // a usable example ends with an answer, so the next message expected would be a reply
    return answerNext ? Optional.empty() : Optional.of(new DistillItem(id, dream.get(), replies));
  }

  private static boolean isInstructions(ChatMessage m) {
    return m.role().equals("system") || m.role().equals("developer");
  }

  private static void readDreams(
      Path file, List<DistillItem> items, List<Rejection> skipped, Set<String> keys) {
    try (DreamFile dreams = DreamFile.open(file)) {
      while (dreams.hasNext()) {
        DreamRecord record = dreams.next();
        add(new DistillItem(record.id(), record.dream(), List.of()), items, skipped, keys);
      }
    } catch (InvalidDreamFileException e) {
      throw new InvalidDistillInputException(e.getMessage(), e);
    }
  }

  private static void add(DistillItem item, List<DistillItem> items, List<Rejection> skipped, Set<String> keys) {
    if (keys.add(item.key())) {
      items.add(item);
    } else {
      String first = items.stream().filter(i -> i.key().equals(item.key())).findFirst()
          .map(DistillItem::id).orElse("an earlier line");
      skipped.add(new Rejection(item.id(), 0, "the same dream and replies as " + first + "; asked once"));
    }
  }
}
