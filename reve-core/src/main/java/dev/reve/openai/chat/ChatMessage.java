package dev.reve.openai.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * One message of a chat request.
 *
 * @param role {@code system}, {@code developer}, {@code user} or {@code assistant}
 * @param content the text
 * @param name optional participant name
 */
public record ChatMessage(String role, String content, Optional<String> name) {
  /** Requires role and content. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    name = name == null ? Optional.empty() : name;
  }

  /** A system message. */
  public static ChatMessage system(String content) {
    return new ChatMessage("system", content, Optional.empty());
  }

  /** A developer message (the newer name for system instructions on OpenAI). */
  public static ChatMessage developer(String content) {
    return new ChatMessage("developer", content, Optional.empty());
  }

  /** A user message. */
  public static ChatMessage user(String content) {
    return new ChatMessage("user", content, Optional.empty());
  }

  /** An assistant message (an earlier turn, or a training target). */
  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content, Optional.empty());
  }
}
