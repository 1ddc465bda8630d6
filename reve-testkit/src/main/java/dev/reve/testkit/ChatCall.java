package dev.reve.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat completion request as a {@link ChatResponder} sees it.
 *
 * @param model the requested model
 * @param messages the messages, in order
 * @param stream whether the client asked for a server-sent event stream
 * @param request the whole request, for anything else ({@code response_format}, ...)
 */
public record ChatCall(String model, List<Message> messages, boolean stream, EmulatedRequest request) {
  /** Checks and copies the values. */
  public ChatCall {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    Objects.requireNonNull(request, "request");
  }

  /**
   * One message; content made of parts is joined into its text.
   *
   * @param role {@code system}, {@code developer}, {@code user} or {@code assistant}
   * @param content the text
   */
  public record Message(String role, String content) {}

  /** The text of the first system or developer message. */
  public Optional<String> systemPrompt() {
    return messages.stream()
        .filter(m -> m.role().equals("system") || m.role().equals("developer"))
        .map(Message::content)
        .findFirst();
  }

  /** The text of the last user message; empty text when there is none. */
  public String lastUserMessage() {
    String last = "";
    for (Message m : messages) {
      if (m.role().equals("user")) {
        last = m.content();
      }
    }
    return last;
  }

  /** The {@code response_format} object, when the request has one. */
  public Map<String, Object> responseFormat() {
    return JsonSupport.object(request.json(), "response_format");
  }

  /**
   * {@code text} in the shape the request's {@code response_format} asks for: JSON that validates
   * against a {@code json_schema} (strings filled from the text's sentences), a JSON object for
   * {@code json_object}, otherwise the text itself.
   */
  public String shaped(String text) {
    return SchemaAnswer.shape(responseFormat(), Objects.requireNonNull(text, "text"));
  }

  /** How many assistant messages the request carries: 0 for a first turn, 1 for a second, ... */
  public int assistantTurns() {
    return (int) messages.stream().filter(m -> m.role().equals("assistant")).count();
  }

  /** The text of the first user message; empty text when there is none. */
  public String firstUserMessage() {
    return messages.stream().filter(m -> m.role().equals("user")).map(Message::content).findFirst().orElse("");
  }

  static ChatCall of(EmulatedRequest request) {
    List<Message> messages = new ArrayList<>();
    if (request.json().get("messages") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> m) {
          messages.add(new Message(String.valueOf(m.get("role")), text(m.get("content"))));
        }
      }
    }
    boolean stream = Boolean.TRUE.equals(request.json().get("stream"));
    return new ChatCall(request.model().orElse(""), messages, stream, request);
  }

  private static String text(Object content) {
    if (content instanceof String s) {
      return s;
    }
    StringBuilder text = new StringBuilder();
    if (content instanceof List<?> parts) {
      for (Object part : parts) {
        if (part instanceof Map<?, ?> p && p.get("text") instanceof String t) {
          text.append(t);
        }
      }
    }
    return text.toString();
  }
}
