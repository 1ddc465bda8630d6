package dev.reve.testkit;

import java.util.Objects;

/**
 * Decides the emulator's answer to a chat completion request. Called on the server's thread, once
 * per request, outside the emulator's lock.
 */
@FunctionalInterface
public interface ChatResponder {
  /**
   * The default: a short canned answer, as JSON that validates when the request asks for a {@code
   * json_schema}.
   */
  ChatResponder CANNED = call -> ChatReply.text(call.shaped("Tell me more about the dream; what stays with you from it?"));

  /** The reply to {@code call}. */
  ChatReply reply(ChatCall call);

  /** Always the same reply. */
  static ChatResponder always(ChatReply reply) {
    Objects.requireNonNull(reply, "reply");
    return call -> reply;
  }
}
