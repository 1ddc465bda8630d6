package dev.reve.openai.spi;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import okio.Buffer;
import okio.ByteString;
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
 * <p>For extension modules: read and write bodies with {@link #MOSHI}; records normalise
 * absent fields with the helpers.
 */
public final class Json {
  /** Shared, thread-safe Moshi with {@link Optional} support. */
  public static final Moshi MOSHI =
      new Moshi.Builder()
          .add(new OptionalAdapterFactory())
          .add(dev.reve.openai.call.ResponseMetadata.class, new NotFromJson<>())
          .add(Long.class, new WholeNumber<>(Long.MIN_VALUE, Long.MAX_VALUE, Long::valueOf).nullSafe())
          .add(
              Integer.class,
              new WholeNumber<Integer>(Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v).nullSafe())
          .add(new AbsentAsEmpty())
          .build();

  /** The one adapter for a JSON object read as a map. */
  public static final JsonAdapter<Map<String, Object>> MAP =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private static final ClassValue<JsonAdapter<Object>> WRITERS =
      new ClassValue<>() {
        @Override
        protected JsonAdapter<Object> computeValue(Class<?> type) {
          // Records and other concrete types bind to their own adapter; maps and lists go through
          // Object, which picks the right one for their runtime class.
          return type.isRecord() ? MOSHI.adapter((Type) type) : MOSHI.adapter(Object.class);
        }
      };

  private static final ClassValue<JsonAdapter<?>> READERS =
      new ClassValue<>() {
        @Override
        protected JsonAdapter<?> computeValue(Class<?> type) {
          return MOSHI.adapter((Type) type);
        }
      };

  private static final java.util.concurrent.ConcurrentHashMap<Type, JsonAdapter<?>> GENERIC_READERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Json() {}

  /**
   * The adapter of {@link #MOSHI} for {@code type}, looked up without a lock. {@code
   * Moshi.adapter} takes a lock on its shared cache and builds a cache key on every call, which
   * costs CPU when many threads call at once; response types are few and fixed, so each is
   * resolved once.
   */
  @SuppressWarnings("unchecked")
  public static <T> JsonAdapter<T> adapter(Type type) {
    if (type instanceof Class<?> c) {
      return (JsonAdapter<T>) READERS.get(c);
    }
    return (JsonAdapter<T>) GENERIC_READERS.computeIfAbsent(type, MOSHI::adapter);
  }

  /**
   * {@code value} as UTF-8 JSON bytes, written straight into a buffer (no intermediate String);
   * the adapter per record type is looked up without a lock.
   */
  public static ByteString toJsonBytes(Object value) {
    return written(value).readByteString();
  }

  /**
   * {@code value} as one JSONL line: UTF-8 JSON bytes and a newline, written into a buffer and
   * copied out once (a String, a concatenated String and its bytes were three copies).
   */
  public static byte[] toJsonLine(Object value) {
    return written(value).writeByte('\n').readByteArray();
  }

  private static Buffer written(Object value) {
    Buffer buffer = new Buffer();
    try {
      WRITERS.get(value.getClass()).toJson(buffer, value);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write JSON into memory", e);
    }
    return buffer;
  }

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

  /**
   * An unmodifiable deep copy of a JSON-like map (maps, lists and plain values), so a value built
   * from the caller's map cannot change afterwards. Insertion order is kept.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> deepCopy(Map<String, ?> map) {
    return (Map<String, Object>) copyValue(map);
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
      return java.util.Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(v -> copy.add(copyValue(v)));
      return java.util.Collections.unmodifiableList(copy);
    }
    return value;
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

  /**
   * Reads an integer field leniently: OpenAI's description types some of them as any number (a
   * checkpoint's metrics step), so a fraction is cut to its whole part instead of failing the
   * whole response. Large integers stay exact; a value out of range or not a number still fails.
   */
  static final class WholeNumber<T extends Number> extends JsonAdapter<T> {
    private final long min;
    private final long max;
    private final java.util.function.LongFunction<T> box;

    WholeNumber(long min, long max, java.util.function.LongFunction<T> box) {
      this.min = min;
      this.max = max;
      this.box = box;
    }

    @Override
    public T fromJson(JsonReader reader) throws IOException {
      JsonReader.Token token = reader.peek();
      if (token != JsonReader.Token.NUMBER && token != JsonReader.Token.STRING) {
        throw new com.squareup.moshi.JsonDataException(
            "Expected a number but was " + token + " at path " + reader.getPath());
      }
      // Whole numbers are the common case: read them without a string or a BigDecimal. The
      // path is built only for an error.
      String text = reader.nextString();
      long whole;
      try {
        whole = Long.parseLong(text);
      } catch (NumberFormatException notPlain) {
        whole = lenient(text, reader);
      }
      if (whole < min || whole > max) {
        throw new com.squareup.moshi.JsonDataException(
            "Number " + text + " out of range at path " + reader.getPath());
      }
      return box.apply(whole);
    }

    private static long lenient(String text, JsonReader reader) {
      java.math.BigDecimal number;
      try {
        number = new java.math.BigDecimal(text.strip());
      } catch (NumberFormatException e) {
        throw new com.squareup.moshi.JsonDataException(
            "Expected a number but was " + text + " at path " + reader.getPath());
      }
      java.math.BigInteger whole = number.toBigInteger();
      if (whole.bitLength() > 63) {
        throw new com.squareup.moshi.JsonDataException(
            "Number " + text + " out of range at path " + reader.getPath());
      }
      return whole.longValue();
    }

    @Override
    public void toJson(JsonWriter writer, T value) throws IOException {
      writer.value(value);
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
