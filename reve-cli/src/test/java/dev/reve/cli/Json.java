package dev.reve.cli;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Parses the CLI's JSON output in tests, and writes JSON for answers. */
final class Json {
  private static final Moshi MOSHI = new Moshi.Builder().build();

  private Json() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String text) {
    return (Map<String, Object>) parse(text);
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(String text) {
    return (List<Object>) parse(text);
  }

  /** Writes a map or list as JSON. */
  static String write(Object value) {
    return MOSHI.adapter(Object.class).toJson(value);
  }

  private static Object parse(String text) {
    try {
      return MOSHI.adapter(Object.class).fromJson(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
