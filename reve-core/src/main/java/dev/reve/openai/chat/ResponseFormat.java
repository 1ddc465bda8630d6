package dev.reve.openai.chat;

import com.squareup.moshi.Json;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code response_format} of a chat request: plain text, any JSON object, or JSON that
 * follows a schema.
 *
 * @param type {@code text}, {@code json_object} or {@code json_schema}
 * @param jsonSchema the schema, for {@code json_schema}
 */
public record ResponseFormat(String type, @Json(name = "json_schema") Optional<JsonSchema> jsonSchema) {
  /** Requires a type. */
  public ResponseFormat {
    Objects.requireNonNull(type, "type");
    jsonSchema = jsonSchema == null ? Optional.empty() : jsonSchema;
  }

  /** Plain text (the default). */
  public static ResponseFormat text() {
    return new ResponseFormat("text", Optional.empty());
  }

  /** Any valid JSON object. */
  public static ResponseFormat jsonObject() {
    return new ResponseFormat("json_object", Optional.empty());
  }

  /** JSON following {@code schema}; with {@code strict}, the model must follow it exactly. */
  public static ResponseFormat jsonSchema(String name, Map<String, Object> schema, boolean strict) {
    return new ResponseFormat(
        "json_schema",
        Optional.of(new JsonSchema(name, Optional.empty(), schema, Optional.of(strict))));
  }

  /**
   * A named JSON schema.
   *
   * @param name letters, digits, underscores and dashes, at most 64
   * @param description what the response is for
   * @param schema the JSON Schema object
   * @param strict whether the model must follow the schema exactly
   */
  public record JsonSchema(
      String name, Optional<String> description, Map<String, Object> schema, Optional<Boolean> strict) {
    /** Requires name and schema; keeps an unmodifiable deep copy of the schema. */
    public JsonSchema {
      Objects.requireNonNull(name, "name");
      schema = dev.reve.openai.spi.Json.deepCopy(Objects.requireNonNull(schema, "schema"));
      description = description == null ? Optional.empty() : description;
      strict = strict == null ? Optional.empty() : strict;
    }
  }
}
