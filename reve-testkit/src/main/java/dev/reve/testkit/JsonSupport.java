package dev.reve.testkit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes the plain maps and lists the emulator keeps its wire objects in. */
final class JsonSupport {
  private static final JsonAdapter<Object> ANY =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private JsonSupport() {}

  /** Compact JSON with nulls written out, as OpenAI writes them. */
  static String write(Object value) {
    return ANY.toJson(value);
  }

  /**
   * The value of {@code text}, with whole numbers as {@link Long} (Moshi reads every number as a
   * double); empty when the text is not JSON.
   */
  static Optional<Object> read(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(normalize(ANY.fromJson(text)));
    } catch (IOException | JsonDataException e) {
      return Optional.empty();
    }
  }

  /** The JSON object in {@code text}; empty when it is not one. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readObject(String text) {
    return read(text).filter(Map.class::isInstance).map(v -> (Map<String, Object>) v).orElse(Map.of());
  }

  private static Object normalize(Object value) {
    if (value instanceof Double d && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      return d.longValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(normalize(v)));
      return copy;
    }
    return value;
  }

  /** {@code map.get(key)} as a string, when it is one. */
  static Optional<String> string(Map<String, Object> map, String key) {
    return map.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** {@code map.get(key)} as an object, or an empty map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, Object> map, String key) {
    return map.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The string-valued entries of {@code map.get(key)} (metadata), in order. */
  static Map<String, String> strings(Map<String, Object> map, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    object(map, key).forEach((k, v) -> {
      if (v != null) {
        out.put(k, String.valueOf(v));
      }
    });
    return out;
  }
}
