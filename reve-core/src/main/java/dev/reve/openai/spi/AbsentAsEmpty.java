package dev.reve.openai.spi;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a record whose {@code Optional}, {@code List} and {@code Map} fields may be absent or null
 * in the body: they become empty (lists and maps also lose null entries), so no record has to
 * normalise them by hand.
 */
final class AbsentAsEmpty implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    Class<?> raw = Types.getRawType(type);
    if (!raw.isRecord() || !annotations.isEmpty()) {
      return null;
    }
    RecordComponent[] components = raw.getRecordComponents();
    boolean any = false;
    for (RecordComponent c : components) {
      any |= fillable(c.getType());
    }
    if (!any) {
      return null;
    }
    JsonAdapter<Object> delegate = moshi.nextAdapter(this, type, annotations);
    Constructor<?> canonical;
    try {
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
      }
      canonical = raw.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      return null;
    }
    return new JsonAdapter<Object>() {
      @Override
      public Object fromJson(JsonReader reader) throws IOException {
        Object value = delegate.fromJson(reader);
        return value == null ? null : filled(value, components, canonical);
      }

      @Override
      public void toJson(JsonWriter writer, Object value) throws IOException {
        delegate.toJson(writer, value);
      }

      @Override
      public String toString() {
        return delegate + ".absentAsEmpty()";
      }
    };
  }

  private static boolean fillable(Class<?> type) {
    return type == Optional.class || type == List.class || type == Map.class;
  }

  private static Object filled(Object record, RecordComponent[] components, Constructor<?> canonical) {
    try {
      Object[] args = new Object[components.length];
      boolean changed = false;
      for (int i = 0; i < components.length; i++) {
        Object value = components[i].getAccessor().invoke(record);
        Object fixed = fill(components[i].getType(), value);
        changed |= fixed != value;
        args[i] = fixed;
      }
      return changed ? canonical.newInstance(args) : record;
    } catch (IllegalAccessException | InstantiationException e) {
      throw new IllegalStateException("cannot rebuild " + record.getClass().getName(), e);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private static Object fill(Class<?> type, Object value) {
    if (type == Optional.class) {
      return value == null ? Optional.empty() : value;
    }
    if (type == List.class) {
      List<?> list = (List<?>) value;
      return list == null || hasNull(list) ? Json.list(list) : value;
    }
    if (type == Map.class) {
      Map<?, ?> map = (Map<?, ?>) value;
      return map == null || hasNull(map) ? Json.map(map) : value;
    }
    return value;
  }

  private static boolean hasNull(List<?> list) {
    for (Object item : list) {
      if (item == null) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNull(Map<?, ?> map) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        return true;
      }
    }
    return false;
  }
}
