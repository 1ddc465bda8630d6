package dev.reve.conformance.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a parsed response (records, lists, maps, optionals) and lists every null it finds. The
 * SDK promises no nulls: absent values become empty optionals, empty lists or zero.
 */
public final class NoNulls {
  private NoNulls() {}

  /** Fails with the paths of every null reachable from {@code value}. */
  public static void assertNone(Object value) {
    List<String> nulls = find(value);
    if (!nulls.isEmpty()) {
      throw new AssertionError("nulls in parsed response at " + nulls + " in " + value);
    }
  }

  /** The paths of the nulls reachable from {@code value}. */
  public static List<String> find(Object value) {
    List<String> found = new ArrayList<>();
    walk(value, "$", found, new IdentityHashMap<>());
    return found;
  }

  private static void walk(Object value, String path, List<String> found, Map<Object, Boolean> seen) {
    if (value == null) {
      found.add(path);
      return;
    }
    if (seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    if (value instanceof Optional<?> optional) {
      optional.ifPresent(inner -> walk(inner, path + "?", found, seen));
    } else if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", found, seen);
      }
    } else if (value instanceof Map<?, ?> map) {
      // A map is either typed (metadata) or raw JSON kept as parsed (a job's method object). Its
      // own entries must not be null; inside raw JSON a null is the server's value, kept as is.
      map.forEach(
          (k, v) -> {
            if (k == null || v == null) {
              found.add(path + "." + k);
            } else if (!(v instanceof Map<?, ?>) && !(v instanceof Collection<?>)) {
              walk(v, path + "." + k, found, seen);
            }
          });
    } else if (value.getClass().isRecord()) {
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        Object child;
        try {
          component.getAccessor().setAccessible(true);
          child = component.getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new AssertionError("cannot read " + path + "." + component.getName(), e);
        }
        walk(child, path + "." + component.getName(), found, seen);
      }
    }
  }
}
