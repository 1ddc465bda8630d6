package dev.reve.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link OpenAiEmulator} answers chat completions, from {@link OpenAiEmulator#chat()}:
 * queued replies per model first, then the model's responder, then the default one. Thread-safe.
 */
public final class EmulatedChat {
  private final EmulatorState state;
  private final EmulatedModels models;
  private final RequestLog log;
  private final Map<String, Deque<ChatReply>> queued = new HashMap<>();
  private final Map<String, ChatResponder> responders = new HashMap<>();
  private ChatResponder defaultResponder;

  EmulatedChat(EmulatorState state, EmulatedModels models, RequestLog log, ChatResponder defaultResponder) {
    this.state = state;
    this.models = models;
    this.log = log;
    this.defaultResponder = defaultResponder;
  }

  /** Answers chat requests for models without a responder of their own with {@code responder}. */
  public EmulatedChat respondWith(ChatResponder responder) {
    synchronized (state.lock) {
      defaultResponder = Objects.requireNonNull(responder, "responder");
    }
    return this;
  }

  /** Answers chat requests for {@code model} with {@code responder}. */
  public EmulatedChat respondWith(String model, ChatResponder responder) {
    synchronized (state.lock) {
      responders.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(responder, "responder"));
    }
    return this;
  }

  /**
   * Queues replies for the next chat requests to {@code model}, one each, before its responder is
   * asked again. The model must exist (see {@link EmulatedModels#add}); requests for a model that
   * does not are answered 404 {@code model_not_found} whatever is queued.
   */
  public EmulatedChat enqueue(String model, ChatReply... replies) {
    synchronized (state.lock) {
      Deque<ChatReply> queue = queued.computeIfAbsent(Objects.requireNonNull(model, "model"), k -> new ArrayDeque<>());
      for (ChatReply reply : replies) {
        queue.add(Objects.requireNonNull(reply, "reply"));
      }
    }
    return this;
  }

  /** The chat completion requests so far, in arrival order. */
  public List<EmulatedRequest> requests() {
    return log.received(Requests.to("POST", "chat/completions"));
  }

  /** The reply to {@code call}; the responder runs outside the lock. */
  ChatReply reply(ChatCall call) {
    ChatResponder responder;
    synchronized (state.lock) {
      if (!models.contains(call.model())) {
        return ChatReply.raw(Replies.modelNotFound(call.model()));
      }
      Deque<ChatReply> queue = queued.get(call.model());
      if (queue != null && !queue.isEmpty()) {
        return queue.poll();
      }
      responder = responders.getOrDefault(call.model(), defaultResponder);
    }
    return Objects.requireNonNull(responder.reply(call), "the chat responder returned null");
  }
}
