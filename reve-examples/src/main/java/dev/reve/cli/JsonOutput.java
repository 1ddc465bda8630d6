package dev.reve.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;

/** Writes the {@code --json} documents: plain maps and lists, nulls kept, two-space indent. */
final class JsonOutput {
  private static final JsonAdapter<Object> ADAPTER =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls().indent("  ");

  private JsonOutput() {}

  /** The value as indented JSON. */
  static String write(Object value) {
    return ADAPTER.toJson(value);
  }
}
