package dev.reve.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON value that validates against a request's {@code json_schema}, filled from a text: string
 * fields take the text's sentences in turn, strings in arrays its longer words (distinct, in order),
 * arrays as many items as the schema allows up to three,
 * enums their first value, numbers their minimum or zero. It covers the subset of JSON Schema that
 * OpenAI's structured outputs accept: {@code type} (one or a list), {@code properties}, {@code
 * required}, {@code items}, {@code enum}, {@code const}, {@code anyOf}, {@code $ref} into {@code
 * $defs} or {@code definitions}, {@code minItems}, {@code maxItems}, {@code minLength}, {@code
 * maxLength}, {@code minimum}, {@code maximum}.
 */
final class SchemaAnswer {
  private static final int MAX_DEPTH = 12;
  private static final int ARRAY_ITEMS = 3;

  private final Map<String, Object> root;
  private final List<String> sentences;
  private final List<String> words;
  private int next;
  private int nextWord;

  private SchemaAnswer(Map<String, Object> root, String text) {
    this.root = root;
    List<String> parts = new ArrayList<>();
    for (String s : text.strip().split("(?<=[.!?])\\s+")) {
      if (!s.isBlank()) {
        parts.add(s.strip());
      }
    }
    this.sentences = parts.isEmpty() ? List.of("(emulated)") : parts;
    java.util.LinkedHashSet<String> longWords = new java.util.LinkedHashSet<>();
    for (String w : text.split("[^\\p{L}]+")) {
      if (w.length() >= 5) {
        longWords.add(w.toLowerCase(java.util.Locale.ROOT));
      }
    }
    this.words = longWords.isEmpty() ? this.sentences : List.copyOf(longWords);
  }

  /** The {@code json_schema.schema} object of a response format, when it has one. */
  static Optional<Map<String, Object>> schemaOf(Map<String, Object> responseFormat) {
    if (!"json_schema".equals(responseFormat.get("type"))) {
      return Optional.empty();
    }
    Map<String, Object> schema = JsonSupport.object(JsonSupport.object(responseFormat, "json_schema"), "schema");
    return Optional.of(schema);
  }

  /** The JSON text of a value for {@code schema}, with strings from {@code text}. */
  static String fill(Map<String, Object> schema, String text) {
    return JsonSupport.write(new SchemaAnswer(schema, text).value(schema, 0));
  }

  /** For a {@code json_object} format, or a schema: the text as JSON that fits; otherwise the text. */
  static String shape(Map<String, Object> responseFormat, String text) {
    Optional<Map<String, Object>> schema = schemaOf(responseFormat);
    if (schema.isPresent()) {
      return fill(schema.get(), text);
    }
    if ("json_object".equals(responseFormat.get("type"))) {
      return JsonSupport.write(Map.of("answer", text));
    }
    return text;
  }

  private Object value(Map<String, Object> schema, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    Map<String, Object> s = resolve(schema);
    if (s.containsKey("const")) {
      return s.get("const");
    }
    if (s.get("enum") instanceof List<?> values && !values.isEmpty()) {
      return values.get(0);
    }
    if (s.get("anyOf") instanceof List<?> options && !options.isEmpty()) {
      return value(map(firstNonNull(options)), depth + 1);
    }
    String type = typeOf(s);
    return switch (type) {
      case "object" -> object(s, depth);
      case "array" -> array(s, depth);
      case "string" -> string(s);
      case "integer" -> s.get("minimum") instanceof Number n ? (Object) (long) Math.ceil(n.doubleValue()) : 0L;
      case "number" -> s.get("minimum") instanceof Number n ? (Object) n.doubleValue() : 0.5;
      case "boolean" -> true;
      case "null" -> null;
      default -> string(s);
    };
  }

  private Map<String, Object> object(Map<String, Object> s, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> properties = JsonSupport.object(s, "properties");
    List<?> required = s.get("required") instanceof List<?> r ? r : List.copyOf(properties.keySet());
    properties.forEach((name, sub) -> {
      if (required.contains(name) || !Boolean.FALSE.equals(s.get("additionalProperties"))) {
        out.put(name, value(map(sub), depth + 1));
      }
    });
    return out;
  }

  private List<Object> array(Map<String, Object> s, int depth) {
    int min = s.get("minItems") instanceof Number n ? n.intValue() : 0;
    int max = s.get("maxItems") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
    int count = Math.max(min, Math.min(ARRAY_ITEMS, max));
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> items = resolve(JsonSupport.object(s, "items"));
      out.add(typeOf(items).equals("string") && !items.containsKey("enum") && !items.containsKey("const")
          ? bounded(words.get(nextWord++ % words.size()), items)
          : value(items, depth + 1));
    }
    return out;
  }

  private String string(Map<String, Object> s) {
    return bounded(sentences.get(next++ % sentences.size()), s);
  }

  private static String bounded(String text, Map<String, Object> s) {
    int min = s.get("minLength") instanceof Number n ? n.intValue() : 0;
    int max = s.get("maxLength") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
    StringBuilder b = new StringBuilder(text);
    while (b.length() < min) {
      b.append(' ').append(text);
    }
    return b.length() > max ? b.substring(0, max) : b.toString();
  }

  private Map<String, Object> resolve(Map<String, Object> s) {
    Map<String, Object> current = s;
    for (int hops = 0; hops < MAX_DEPTH && current.get("$ref") instanceof String ref && ref.startsWith("#/"); hops++) {
      Object target = root;
      for (String part : ref.substring(2).split("/")) {
        target = target instanceof Map<?, ?> m ? m.get(part) : null;
      }
      current = map(target);
    }
    return current;
  }

  private static String typeOf(Map<String, Object> s) {
    Object type = s.get("type");
    if (type instanceof String t) {
      return t;
    }
    if (type instanceof List<?> types) {
      return types.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("null");
    }
    return s.containsKey("properties") ? "object" : s.containsKey("items") ? "array" : "string";
  }

  private static Object firstNonNull(List<?> options) {
    for (Object o : options) {
      if (!"null".equals(map(o).get("type"))) {
        return o;
      }
    }
    return options.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
