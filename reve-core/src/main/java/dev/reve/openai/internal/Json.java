package dev.reve.openai.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SDK's one Moshi instance and the helpers that make records tolerant of sloppy servers.
 *
 * <p>Not part of the public API: the package may change without notice.
 */
public final class Json {
  /** Shared, thread-safe Moshi with {@link Optional} support. */
  public static final Moshi MOSHI =
      new Moshi.Builder()
          .add(new OptionalAdapterFactory())
          .add(dev.reve.openai.ResponseMetadata.class, new NotFromJson<>())
          .build();

  private Json() {}

  /** A list that is never null and holds no null elements. */
  public static <T> List<T> list(List<T> values) {
    if (values == null || values.isEmpty()) {
      return List.of();
    }
    List<T> copy = new ArrayList<>(values.size());
    for (T value : values) {
      if (value != null) {
        copy.add(value);
      }
    }
    return List.copyOf(copy);
  }

  /** A map that is never null. */
  public static <K, V> Map<K, V> map(Map<K, V> values) {
    if (values == null || values.isEmpty()) {
      return Map.of();
    }
    Map<K, V> copy = new java.util.LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            copy.put(k, v);
          }
        });
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** An optional that is never null itself. */
  public static <T> Optional<T> opt(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  /** Zero for an absent number. */
  public static int zero(Integer value) {
    return value == null ? 0 : value;
  }

  /** Zero for an absent number. */
  public static long zero(Long value) {
    return value == null ? 0L : value;
  }

  /**
   * For values the client fills from the HTTP exchange (response metadata): never read from a body
   * and never written into one.
   */
  static final class NotFromJson<T> extends JsonAdapter<T> {
    @Override
    public T fromJson(JsonReader reader) throws IOException {
      reader.skipValue();
      return null;
    }

    @Override
    public void toJson(JsonWriter writer, T value) throws IOException {
      writer.nullValue();
    }
  }

  /** Reads {@code Optional<T>} as T-or-null and writes an empty optional as null (omitted). */
  static final class OptionalAdapterFactory implements JsonAdapter.Factory {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!(type instanceof ParameterizedType parameterized)
          || Types.getRawType(type) != Optional.class) {
        return null;
      }
      JsonAdapter<Object> inner =
          moshi.adapter(parameterized.getActualTypeArguments()[0], annotations);
      return new JsonAdapter<Optional<Object>>() {
        @Override
        public Optional<Object> fromJson(JsonReader reader) throws IOException {
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.nextNull();
            return Optional.empty();
          }
          return Optional.ofNullable(inner.fromJson(reader));
        }

        @Override
        public void toJson(JsonWriter writer, Optional<Object> value) throws IOException {
          if (value == null || value.isEmpty()) {
            writer.nullValue();
          } else {
            inner.toJson(writer, value.get());
          }
        }
      };
    }
  }

  /** Requires a non-blank string, naming the parameter in the error. */
  public static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}
