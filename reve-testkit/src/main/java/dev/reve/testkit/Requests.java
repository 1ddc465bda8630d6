package dev.reve.testkit;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Predicates on {@link EmulatedRequest}s, to aim faults and to filter the log. Paths are relative
 * to the API root ({@code files}, {@code fine_tuning/jobs}); a leading {@code /} or {@code /v1/}
 * is ignored. Combine them with {@link Predicate#and}.
 */
public final class Requests {
  private Requests() {}

  /** Every request. */
  public static Predicate<EmulatedRequest> any() {
    return r -> true;
  }

  /** Requests with this method and exactly this path. */
  public static Predicate<EmulatedRequest> to(String method, String path) {
    String m = Objects.requireNonNull(method, "method");
    String p = normalize(path);
    return r -> r.method().equalsIgnoreCase(m) && r.path().equals(p);
  }

  /** Requests with this method whose path starts with {@code prefix}. */
  public static Predicate<EmulatedRequest> under(String method, String prefix) {
    String m = Objects.requireNonNull(method, "method");
    String p = normalize(prefix);
    return r -> r.method().equalsIgnoreCase(m) && r.path().startsWith(p);
  }

  /** Chat completion requests for {@code model}. */
  public static Predicate<EmulatedRequest> chat(String model) {
    return to("POST", "chat/completions").and(r -> r.model().filter(model::equals).isPresent());
  }

  /** Uploads whose file name starts with {@code prefix}. */
  public static Predicate<EmulatedRequest> uploadNamed(String prefix) {
    return to("POST", "files").and(r -> r.filename().filter(n -> n.startsWith(prefix)).isPresent());
  }

  /** Requests whose JSON body has {@code metadata[key] = value} (job creations). */
  public static Predicate<EmulatedRequest> withMetadata(String key, String value) {
    return r -> value.equals(r.metadata().get(key));
  }

  static String normalize(String path) {
    String p = Objects.requireNonNull(path, "path").strip();
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.startsWith("v1/")) {
      p = p.substring(3);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
