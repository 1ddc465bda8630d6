package dev.reve.analysis;

import dev.reve.openai.chat.ChatMessage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that turns (analyst, dream) into chat messages. Base-model inference,
 * fine-tuned inference and the training files all go through here, so what a model was trained
 * on is exactly what it is sent.
 *
 * <p>The user message has this shape (optional lines are left out when empty):
 *
 * <pre>
 * Analyze this dream.
 *
 * Title: {title}
 *
 * Dream:
 * {content}
 *
 * Dreamer's context: {context}
 *
 * Dreamer's associations: {associations}
 * </pre>
 */
public final class PromptBuilder {
  static final String OPENING = "Analyze this dream.";
  static final String TITLE = "Title: ";
  static final String DREAM = "Dream:\n";
  static final String CONTEXT = "Dreamer's context: ";
  static final String ASSOCIATIONS = "Dreamer's associations: ";

  private PromptBuilder() {}

  /** The messages for a request: the analyst's system prompt, then the dream. */
  public static List<ChatMessage> messages(AnalystProfile analyst, Dream dream) {
    Objects.requireNonNull(analyst, "analyst");
    return List.of(ChatMessage.system(analyst.systemPrompt()), ChatMessage.user(userMessage(dream)));
  }

  /** The messages of a training example: {@link #messages} plus the answer to learn. */
  public static List<ChatMessage> trainingMessages(
      AnalystProfile analyst, Dream dream, String answer) {
    Objects.requireNonNull(answer, "answer");
    if (answer.isBlank()) {
      throw new IllegalArgumentException("a training example needs a non-blank answer");
    }
    return List.of(
        ChatMessage.system(analyst.systemPrompt()),
        ChatMessage.user(userMessage(dream)),
        ChatMessage.assistant(answer.strip()));
  }

  /** The user message for a dream. */
  public static String userMessage(Dream dream) {
    Objects.requireNonNull(dream, "dream");
    StringBuilder text = new StringBuilder(OPENING).append("\n\n");
    dream.title().ifPresent(t -> text.append(TITLE).append(t).append("\n\n"));
    text.append(DREAM).append(dream.content());
    dream.context().ifPresent(c -> text.append("\n\n").append(CONTEXT).append(c));
    dream.associations().ifPresent(a -> text.append("\n\n").append(ASSOCIATIONS).append(a));
    return text.toString();
  }

  /**
   * Reads a user message back into a dream, when it has this builder's shape; used to check
   * training files for train/serve skew ({@code userMessage(parse(m)) == m} for every message this
   * builder wrote).
   */
  public static Optional<Dream> parseUserMessage(String message) {
    if (message == null || !message.startsWith(OPENING + "\n\n")) {
      return Optional.empty();
    }
    String rest = message.substring(OPENING.length() + 2);
    String title = null;
    if (rest.startsWith(TITLE)) {
      int end = rest.indexOf("\n\n");
      if (end < 0) {
        return Optional.empty();
      }
      title = rest.substring(TITLE.length(), end);
      rest = rest.substring(end + 2);
    }
    if (!rest.startsWith(DREAM)) {
      return Optional.empty();
    }
    rest = rest.substring(DREAM.length());
    String associations = null;
    int a = rest.lastIndexOf("\n\n" + ASSOCIATIONS);
    if (a >= 0) {
      associations = rest.substring(a + 2 + ASSOCIATIONS.length());
      rest = rest.substring(0, a);
    }
    String context = null;
    int c = rest.lastIndexOf("\n\n" + CONTEXT);
    if (c >= 0) {
      context = rest.substring(c + 2 + CONTEXT.length());
      rest = rest.substring(0, c);
    }
    try {
      Dream dream =
          new Dream(
              rest,
              Optional.ofNullable(title),
              Optional.ofNullable(context),
              Optional.ofNullable(associations));
      return userMessage(dream).equals(message) ? Optional.of(dream) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
