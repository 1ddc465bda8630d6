package dev.reve.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    ChatCall call = ChatCall.of(r);
    ChatReply reply = chat.reply(call);
    MockResponse raw = reply.rawResponse().orElse(null);
    if (raw != null) {
      return reply.requestIdValue().map(id -> Replies.withRequestId(raw, id)).orElse(raw);
    }
    int prompt = reply.promptTokens().orElseGet(() -> estimatePrompt(call));
    String said = reply.content().or(reply::refusalText).orElse("");
    int completion = reply.completionTokens().orElseGet(() -> said.isEmpty() ? 0 : Math.max(1, (said.length() + 3) / 4));
    String id = state.nextId("chatcmpl-emu", "chat");
    long created = state.stamp();
    String finish = reply.finishReasonValue().orElse("stop");
    MockResponse.Builder response = new MockResponse.Builder().code(200);
    reply.requestIdValue().ifPresent(v -> response.setHeader("x-request-id", v));
    Map<String, Object> usage = WireShapes.usage(prompt, completion);
    if (call.stream()) {
      boolean includeUsage =
          Boolean.TRUE.equals(JsonSupport.object(r.json(), "stream_options").get("include_usage"));
      return response.setHeader("Content-Type", "text/event-stream")
          .body(stream(reply, id, created, model, finish, includeUsage ? usage : null))
          .build();
    }
    Map<String, Object> body = WireShapes.chatCompletion(id, created, model, reply.content().orElse(null),
        reply.refusalText().orElse(null), finish, usage);
    return response.setHeader("Content-Type", "application/json").body(JsonSupport.write(body)).build();
  }

  private static int estimatePrompt(ChatCall call) {
    int tokens = 3;
    for (ChatCall.Message m : call.messages()) {
      tokens += 4 + (m.content().length() + 3) / 4;
    }
    return tokens;
  }

  private static String stream(ChatReply reply, String id, long created, String model, String finish,
      Map<String, Object> usage) {
    boolean withUsage = usage != null;
    boolean refusal = reply.content().isEmpty() && reply.refusalText().isPresent();
    StringBuilder sse = new StringBuilder();
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("role", "assistant");
    first.put("content", refusal ? null : "");
    first.put("refusal", null);
    sse.append(event(WireShapes.chatChunk(id, created, model, first, null, withUsage)));
    List<String> pieces = refusal ? ChatReply.text(reply.refusalText().get()).streamPieces() : reply.streamPieces();
    for (String piece : pieces) {
      Map<String, Object> delta = Map.of(refusal ? "refusal" : "content", piece);
      sse.append(event(WireShapes.chatChunk(id, created, model, delta, null, withUsage)));
    }
    sse.append(event(WireShapes.chatChunk(id, created, model, Map.of(), finish, withUsage)));
    if (withUsage) {
      sse.append(event(WireShapes.chatUsageChunk(id, created, model, usage)));
    }
    sse.append("data: [DONE]\n\n");
    return sse.toString();
  }

  private static String event(Map<String, Object> data) {
    return "data: " + JsonSupport.write(data) + "\n\n";
  }
}
