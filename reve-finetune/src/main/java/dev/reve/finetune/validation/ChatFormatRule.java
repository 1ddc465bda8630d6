package dev.reve.finetune.validation;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import okio.Buffer;

/**
 * OpenAI's chat fine-tuning format: one JSON object per line with a {@code messages} array of
 * messages whose roles, keys, content, weights and tool fields are those the format defines, and
 * an assistant message to learn. Fills in the line's parsed example for the later rules.
 */
final class ChatFormatRule implements ValidationRule {
  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of("messages", "tools", "parallel_tool_calls", "functions");
  private static final Map<String, Set<String>> MESSAGE_KEYS =
      Map.of(
          "system", Set.of("role", "content", "name"),
          "developer", Set.of("role", "content", "name"),
          "user", Set.of("role", "content", "name"),
          "assistant",
              Set.of("role", "content", "name", "weight", "refusal", "tool_calls", "function_call", "audio"),
          "tool", Set.of("role", "content", "tool_call_id"),
          "function", Set.of("role", "content", "name"));
  private static final String ROLES = "system, user, assistant, tool or function";

  @Override
  public boolean check(ExampleLine line, ProblemSink sink) {
    long n = line.number;
    Object value;
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(line.text()));
      value = reader.readJsonValue();
      if (!atEnd(reader)) {
        sink.add(n, ProblemCode.INVALID_JSON,
            "more than one JSON value on the line (or text after the object); put each example"
                + " on its own line");
        return false;
      }
    } catch (IOException | RuntimeException e) {
      sink.add(n, ProblemCode.INVALID_JSON,
          "not valid JSON (" + jsonError(e) + "); each line must be one complete JSON object");
      return false;
    }
    if (!(value instanceof Map<?, ?> object)) {
      sink.add(n, ProblemCode.NOT_AN_OBJECT, "the line is JSON but not an object; write {\"messages\": [...]}");
      return false;
    }
    for (Object key : object.keySet()) {
      if (!TOP_LEVEL_KEYS.contains(String.valueOf(key))) {
        sink.add(new Problem(n, Severity.WARNING, ProblemCode.UNKNOWN_KEY,
            "top-level key '" + key + "' is not part of the chat fine-tuning format"
                + " (messages, tools, parallel_tool_calls, functions); remove it"));
      }
    }
    checkTopLevelFields(n, object, sink);
    Object messagesValue = object.get("messages");
    if (!(messagesValue instanceof List<?> messages) || messages.isEmpty()) {
      sink.add(n, ProblemCode.MISSING_MESSAGES,
          messagesValue == null
              ? "no \"messages\" array; each example is {\"messages\": [{\"role\": ..., \"content\": ...}, ...]}"
              : "\"messages\" must be a non-empty array of message objects");
      return false;
    }
    line.example = object;
    line.messages = messages;
    line.wellFormed = checkMessages(n, messages, sink);
    return true;
  }

  /** False when a message's structure is broken (then tokens are not counted). */
  private boolean checkMessages(long n, List<?> messages, ProblemSink sink) {
    boolean anyAssistant = false;
    boolean anyTrained = false;
    boolean imageWarned = false;
    boolean structureOk = true;
    for (int i = 0; i < messages.size(); i++) {
      String where = "message " + (i + 1);
      if (!(messages.get(i) instanceof Map<?, ?> message)) {
        sink.add(n, ProblemCode.BAD_MESSAGE, where + " is not a JSON object; write {\"role\": ..., \"content\": ...}");
        structureOk = false;
        continue;
      }
      Object roleValue = message.get("role");
      if (!(roleValue instanceof String role)) {
        sink.add(n, ProblemCode.BAD_ROLE,
            where + (roleValue == null ? " has no role" : " has a role that is not a string") + "; use " + ROLES);
        structureOk = false;
        continue;
      }
      where = where + " (" + role + ")";
      Set<String> allowed = MESSAGE_KEYS.get(role);
      if (allowed == null) {
        sink.add(n, ProblemCode.BAD_ROLE, where + ": role '" + role + "' is not allowed; use " + ROLES);
        structureOk = false;
        continue;
      }
      if (role.equals("developer")) {
        sink.add(n, ProblemCode.DEVELOPER_ROLE,
            where + ": the chat fine-tuning format lists system, user, assistant, tool and function;"
                + " use role system for instructions");
      }
      checkKeys(n, where, role, allowed, message, sink);
      if (!checkContent(n, where, role, message, sink)) {
        structureOk = false;
      }
      checkFields(n, where, role, message, sink);
      if (role.equals("assistant")) {
        anyAssistant = true;
        anyTrained |= checkWeight(n, where, message, sink);
        checkCalls(n, where, message, sink);
      }
      if (!imageWarned && ChatContent.hasImage(message.get("content"))) {
        imageWarned = true;
        sink.add(n, ProblemCode.UNCOUNTED_IMAGE,
            "image parts are not counted, so the token total and the cost are low for this example");
      }
    }
    if (!anyAssistant) {
      sink.add(n, ProblemCode.NO_ASSISTANT,
          "no assistant message; end the example with {\"role\": \"assistant\", \"content\": <the answer to learn>}");
    } else if (!anyTrained) {
      sink.add(n, ProblemCode.NOTHING_TO_LEARN,
          "every assistant message has weight 0, so this example teaches nothing; set weight 1 on the answer");
    }
    return structureOk;
  }

  private static void checkKeys(
      long n, String where, String role, Set<String> allowed, Map<?, ?> message, ProblemSink sink) {
    for (Object key : message.keySet()) {
      String k = String.valueOf(key);
      if (k.equals("weight") && !role.equals("assistant")) {
        sink.add(n, ProblemCode.BAD_WEIGHT, where + ": weight is allowed only on assistant messages; remove it");
      } else if (!allowed.contains(k)) {
        sink.add(n, ProblemCode.UNKNOWN_KEY,
            where + " has key '" + k + "', which the format does not define for " + role
                + " messages (" + String.join(", ", new TreeSet<>(allowed)) + "); remove it");
      }
    }
  }

  private static void checkFields(long n, String where, String role, Map<?, ?> message, ProblemSink sink) {
    if (message.containsKey("name") && !(message.get("name") instanceof String)) {
      sink.add(n, ProblemCode.BAD_FIELD, where + ": name must be a string");
    }
    if (role.equals("tool") && !(message.get("tool_call_id") instanceof String)) {
      sink.add(n, ProblemCode.BAD_FIELD, where + " needs tool_call_id, the id of the assistant's tool call it answers");
    }
    if (role.equals("function") && !(message.get("name") instanceof String)) {
      sink.add(n, ProblemCode.BAD_FIELD, where + " needs name, the function that was called");
    }
  }

  private static void checkCalls(long n, String where, Map<?, ?> assistant, ProblemSink sink) {
    if (assistant.containsKey("tool_calls") && !(assistant.get("tool_calls") instanceof List<?>)) {
      sink.add(n, ProblemCode.BAD_FIELD, where + ": tool_calls must be an array");
    }
    if (assistant.containsKey("function_call") && !(assistant.get("function_call") instanceof Map<?, ?>)) {
      sink.add(n, ProblemCode.BAD_FIELD, where + ": function_call must be an object");
    }
  }

  /** Whether the assistant message is learnt: no weight or weight 1 (a bad weight is reported). */
  private static boolean checkWeight(long n, String where, Map<?, ?> message, ProblemSink sink) {
    if (!message.containsKey("weight")) {
      return true;
    }
    Object w = message.get("weight");
    if (!(w instanceof Number number && (number.doubleValue() == 0 || number.doubleValue() == 1))) {
      sink.add(n, ProblemCode.BAD_WEIGHT,
          where + ": weight must be 0 (do not learn this message) or 1 (learn it); got " + render(w));
    }
    return trained(message);
  }

  /** Whether an assistant message is learnt; a weight that is not 0 or 1 counts as learnt. */
  static boolean trained(Map<?, ?> assistant) {
    return !(assistant.get("weight") instanceof Number number) || number.doubleValue() != 0;
  }

  private static void checkTopLevelFields(long n, Map<?, ?> object, ProblemSink sink) {
    if (object.containsKey("tools") && !(object.get("tools") instanceof List<?>)) {
      sink.add(n, ProblemCode.BAD_FIELD, "tools must be an array of tool definitions");
    }
    if (object.containsKey("parallel_tool_calls") && !(object.get("parallel_tool_calls") instanceof Boolean)) {
      sink.add(n, ProblemCode.BAD_FIELD, "parallel_tool_calls must be true or false");
    }
    if (object.containsKey("functions")) {
      Object f = object.get("functions");
      if (!(f instanceof List<?> list) || list.isEmpty() || list.size() > 128) {
        sink.add(n, ProblemCode.BAD_FIELD, "functions must be an array of 1 to 128 function definitions");
      }
    }
  }

  /** False when the content is missing or malformed. */
  private static boolean checkContent(long n, String where, String role, Map<?, ?> message, ProblemSink sink) {
    Object content = message.get("content");
    boolean callsSomething = message.get("tool_calls") instanceof List<?> calls && !calls.isEmpty()
        || message.get("function_call") instanceof Map<?, ?>;
    if (content == null) {
      if (role.equals("assistant") && callsSomething || role.equals("function") && message.containsKey("content")) {
        return true;
      }
      sink.add(n, ProblemCode.MISSING_CONTENT,
          where + " has no content; give it the " + (role.equals("assistant") ? "answer" : "text") + " as a string");
      return false;
    }
    if (content instanceof String s) {
      if (s.isBlank() && !(role.equals("assistant") && callsSomething)) {
        sink.add(n, ProblemCode.MISSING_CONTENT, where + " has empty content; write the text or remove the message");
        return false;
      }
      return true;
    }
    if (!(content instanceof List<?> parts) || parts.isEmpty()) {
      sink.add(n, ProblemCode.BAD_CONTENT, where + ": content must be a string or a non-empty array of content parts");
      return false;
    }
    Set<String> types = switch (role) {
      case "user" -> Set.of("text", "image_url");
      case "assistant" -> Set.of("text", "refusal");
      default -> Set.of("text");
    };
    for (int p = 0; p < parts.size(); p++) {
      Object type = parts.get(p) instanceof Map<?, ?> part ? part.get("type") : null;
      if (!(type instanceof String t) || !types.contains(t)) {
        sink.add(n, ProblemCode.BAD_CONTENT,
            where + ": content part " + (p + 1) + " has type " + render(type) + "; " + role
                + " messages in fine-tuning files take " + String.join(" or ", new TreeSet<>(types))
                + " parts (audio and file inputs are not supported)");
        return false;
      }
      Map<?, ?> part = (Map<?, ?>) parts.get(p);
      if (t.equals("text") && !(part.get("text") instanceof String)) {
        sink.add(n, ProblemCode.BAD_CONTENT, where + ": text part " + (p + 1) + " needs a \"text\" string");
        return false;
      }
    }
    return true;
  }

  private static boolean atEnd(JsonReader reader) {
    try {
      return reader.peek() == JsonReader.Token.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  private static String jsonError(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replace("Use JsonReader.setLenient(true) to accept malformed JSON", "malformed JSON");
  }
}
