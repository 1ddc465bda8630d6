package dev.reve.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.reve.openai.chat.Usage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the {@code --json} documents: plain maps and lists, nulls kept, two-space indent. */
final class JsonOutput {
  private static final JsonAdapter<Object> ADAPTER =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls().indent("  ");

  private JsonOutput() {}

  /** The value as indented JSON. */
  static String write(Object value) {
    return ADAPTER.toJson(value);
  }

  /** A call's token counts: prompt, completion and total. */
  static Map<String, Object> tokens(Usage usage) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("prompt", usage.promptTokens());
    map.put("completion", usage.completionTokens());
    map.put("total", usage.totalTokens());
    map.put("reasoning", usage.reasoningTokens());
    return map;
  }
}
