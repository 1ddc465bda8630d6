package dev.reve.testkit;

import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;

/** {@code POST /chat/completions}, as JSON or as a server-sent event stream. */
final class ChatRoute implements Route {
  private final EmulatorState state;
  private final EmulatedChat chat;

  ChatRoute(EmulatorState state, EmulatedChat chat) {
    this.state = state;
    this.chat = chat;
  }

  @Override
  public String prefix() {
    return "chat/completions";
  }

  @Override
  public Optional<MockResponse> answer(EmulatedRequest r, List<String> rest) {
    return rest.isEmpty() && r.method().equals("POST") ? Optional.of(complete(r)) : Optional.empty();
  }

  private MockResponse complete(EmulatedRequest r) {
    if (r.json().isEmpty()) {
      throw Refusal.badRequest("We could not parse the JSON body of your request. The emulator expects"
          + " a JSON object.", null);
    }
    String model = r.model().orElseThrow(() -> Refusal.missing("model"));
    if (!(r.json().get("messages") instanceof List<?> list) || list.isEmpty()) {
      throw Refusal.missing("messages");
    }
    ReasoningModels.refuseUnsupported(r, model);
    ChatCall call = ChatCall.of(r);
    ChatReply reply = chat.reply(call);
    MockResponse raw = reply.rawResponse().orElse(null);
    if (raw != null) {
      return reply.requestIdValue().map(id -> Replies.withRequestId(raw, id)).orElse(raw);
    }
    int prompt = reply.promptTokens().orElseGet(() -> estimatePrompt(call));
    String said = reply.content().or(reply::refusalText).orElse("");
    int completion = reply.completionTokens().orElseGet(() -> said.isEmpty() ? 0 : Math.max(1, (said.length() + 3) / 4));
    ChatCompletionBodies body = (reply.content().isPresent()
            ? ChatCompletionBodies.text(reply.content().get())
            : ChatCompletionBodies.refusal(reply.refusalText().orElse("")))
        .id(state.nextId("chatcmpl-emu", "chat"))
        .created(state.stamp())
        .model(model)
        .finishReason(reply.finishReasonValue().orElse("stop"))
        .usage(prompt, completion);
    if (reply.content().isPresent() && reply.givenPieces().isPresent()) {
      body = body.pieces(reply.givenPieces().get().toArray(String[]::new));
    }
    body = ReasoningModels.spend(r, model, body);
    MockResponse.Builder response = new MockResponse.Builder().code(200);
    reply.requestIdValue().ifPresent(v -> response.setHeader("x-request-id", v));
    if (!call.stream()) {
      return response.setHeader("Content-Type", "application/json").body(body.json()).build();
    }
    boolean includeUsage = Boolean.TRUE.equals(JsonSupport.object(r.json(), "stream_options").get("include_usage"));
    return response.setHeader("Content-Type", "text/event-stream")
        .body((includeUsage ? body : body.withoutUsage()).stream())
        .build();
  }

  private static int estimatePrompt(ChatCall call) {
    int tokens = 3;
    for (ChatCall.Message m : call.messages()) {
      tokens += 4 + (m.content().length() + 3) / 4;
    }
    return tokens;
  }
}
