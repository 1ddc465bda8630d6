package dev.reve.analysis;

import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.models.ModelCapabilities;
import java.util.ArrayList;
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
 *
 * <p>A conversation ({@link AnalysisSession}) continues with the analyst's answers and the
 * dreamer's replies, alternating as assistant and user messages after that first user message;
 * {@link #conversation} builds it, and {@link #messages} and {@link #trainingMessages} are its
 * one-turn cases, so one turn is byte for byte what a single analysis sends. Earlier dreams of a
 * series ({@link EarlierDream}) go into the first user message, between the opening line and the
 * title, in a block that starts with {@value #SERIES_START} and ends with {@value #SERIES_END}.
 */
public final class PromptBuilder {
  static final String OPENING = "Analyze this dream.";
  static final String TITLE = "Title: ";
  static final String DREAM = "Dream:\n";
  static final String CONTEXT = "Dreamer's context: ";
  static final String ASSOCIATIONS = "Dreamer's associations: ";
  static final String SERIES_START = "Earlier dreams of this dreamer, oldest first:";
  static final String SERIES_END = "(End of the earlier dreams.)";

  private PromptBuilder() {}

  /** The messages for a request: the analyst's system prompt, then the dream. */
  public static List<ChatMessage> messages(AnalystProfile analyst, Dream dream) {
    return conversation(analyst, dream, List.of(), List.of());
  }

  /** The messages of a training example: {@link #messages} plus the answer to learn. */
  public static List<ChatMessage> trainingMessages(
      AnalystProfile analyst, Dream dream, String answer) {
    Objects.requireNonNull(answer, "answer");
    return conversation(analyst, dream, List.of(), List.of(answer));
  }

  /**
   * The messages of a conversation: the system prompt, the dream (with the earlier dreams of its
   * series), then {@code turns} alternating, the analyst's first answer first ({@code turns[0]}
   * is an assistant message, {@code turns[1]} the dreamer's reply, and so on). A request ends
   * with a dreamer's reply (an even number of turns, none for the first answer); a training
   * example ends with the answer to learn (an odd number).
   *
   * @throws IllegalArgumentException when a turn is blank
   */
  public static List<ChatMessage> conversation(
      AnalystProfile analyst, Dream dream, List<EarlierDream> series, List<String> turns) {
    Objects.requireNonNull(analyst, "analyst");
    Objects.requireNonNull(turns, "turns");
    List<ChatMessage> messages = new ArrayList<>(turns.size() + 2);
    messages.add(ChatMessage.system(analyst.systemPrompt()));
    messages.add(ChatMessage.user(userMessage(dream, series)));
    for (int i = 0; i < turns.size(); i++) {
      String turn = Objects.requireNonNull(turns.get(i), "turn");
      if (turn.isBlank()) {
        throw new IllegalArgumentException(
            "turn " + (i + 1) + " of the conversation is blank; "
                + (i % 2 == 0 ? "a training example needs a non-blank answer" : "a reply needs text"));
      }
      messages.add(i % 2 == 0 ? ChatMessage.assistant(turn.strip()) : ChatMessage.user(turn.strip()));
    }
    return List.copyOf(messages);
  }

  /**
   * The same messages with the instructions (the system prompt) in the role the model's
   * capabilities name, {@code system} or {@code developer}; text and order are untouched. Serving
   * and the training files both go through here, so a model sees what it was trained on.
   */
  public static List<ChatMessage> forModel(List<ChatMessage> messages, ModelCapabilities capabilities) {
    Objects.requireNonNull(capabilities, "capabilities");
    return withInstructionRole(messages, capabilities.instructionRole());
  }

  /** The same messages with every {@code system} or {@code developer} message in {@code role}. */
  public static List<ChatMessage> withInstructionRole(List<ChatMessage> messages, String role) {
    Objects.requireNonNull(messages, "messages");
    if (!role.equals("system") && !role.equals("developer")) {
      throw new IllegalArgumentException("the instruction role is system or developer, was " + role);
    }
    List<ChatMessage> out = new ArrayList<>(messages.size());
    for (ChatMessage m : messages) {
      boolean instructions = m.role().equals("system") || m.role().equals("developer");
      out.add(instructions && !m.role().equals(role) ? new ChatMessage(role, m.content(), m.name()) : m);
    }
    return List.copyOf(out);
  }

  /** The user message for a dream. */
  public static String userMessage(Dream dream) {
    return userMessage(dream, List.of());
  }

  /** The first user message of a conversation: the dream, after the earlier dreams of its series. */
  public static String userMessage(Dream dream, List<EarlierDream> series) {
    Objects.requireNonNull(dream, "dream");
    Objects.requireNonNull(series, "series");
    StringBuilder text = new StringBuilder(OPENING).append("\n\n");
    if (!series.isEmpty()) {
      text.append(SERIES_START).append("\n\n");
      for (EarlierDream earlier : series) {
        text.append(earlier.rendered()).append("\n\n");
      }
      text.append(SERIES_END).append("\n\n");
    }
    dream.title().ifPresent(t -> text.append(TITLE).append(t).append("\n\n"));
    text.append(DREAM).append(dream.content());
    dream.context().ifPresent(c -> text.append("\n\n").append(CONTEXT).append(c));
    dream.associations().ifPresent(a -> text.append("\n\n").append(ASSOCIATIONS).append(a));
    return text.toString();
  }

  /**
   * Reads a user message back into a dream, when it has this builder's shape; used to check
   * training files for train/serve skew ({@code userMessage(parse(m)) == m} for every message this
   * builder wrote). A block of earlier dreams is skipped: the dream returned is the current one.
   */
  public static Optional<Dream> parseUserMessage(String message) {
    if (message == null || !message.startsWith(OPENING + "\n\n")) {
      return Optional.empty();
    }
    String rest = message.substring(OPENING.length() + 2);
    String seriesBlock = "";
    if (rest.startsWith(SERIES_START + "\n\n")) {
      int end = rest.indexOf("\n\n" + SERIES_END + "\n\n");
      if (end < 0) {
        return Optional.empty();
      }
      int after = end + SERIES_END.length() + 4;
      seriesBlock = rest.substring(0, after);
      rest = rest.substring(after);
    }
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
      String rebuilt = userMessage(dream);
      String expected = OPENING + "\n\n" + seriesBlock + rebuilt.substring(OPENING.length() + 2);
      return expected.equals(message) ? Optional.of(dream) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
