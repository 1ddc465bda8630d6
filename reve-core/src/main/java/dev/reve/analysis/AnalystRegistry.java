package dev.reve.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The analysts an application knows: the built-ins plus any it registers. Thread-safe.
 *
 * <pre>{@code
 * AnalystRegistry registry = AnalystRegistry.withBuiltIns();
 * registry.register(new AnalystProfile("adler", ...));
 * }</pre>
 */
public final class AnalystRegistry {
  private final Map<String, AnalystProfile> profiles = new LinkedHashMap<>();

  private AnalystRegistry() {}

  /** A registry with Jung and Freud. */
  public static AnalystRegistry withBuiltIns() {
    AnalystRegistry registry = new AnalystRegistry();
    BuiltInAnalysts.all().forEach(registry::register);
    return registry;
  }

  /** A registry with no analysts. */
  public static AnalystRegistry empty() {
    return new AnalystRegistry();
  }

  /**
   * Adds an analyst, or replaces the one with the same id.
   *
   * @return this registry
   */
  public synchronized AnalystRegistry register(AnalystProfile profile) {
    Objects.requireNonNull(profile, "profile");
    profiles.put(profile.id(), profile);
    return this;
  }

  /**
   * The analyst with this id.
   *
   * @throws UnknownAnalystException listing the known ids
   */
  public synchronized AnalystProfile get(String id) {
    AnalystProfile profile = profiles.get(id);
    if (profile == null) {
      throw new UnknownAnalystException(id, profiles.keySet());
    }
    return profile;
  }

  /** The analyst with this id, if registered. */
  public synchronized Optional<AnalystProfile> find(String id) {
    return Optional.ofNullable(profiles.get(id));
  }

  /** Every analyst, in registration order. */
  public synchronized List<AnalystProfile> all() {
    return List.copyOf(new ArrayList<>(profiles.values()));
  }

  /** Every id, in registration order. */
  public synchronized List<String> ids() {
    return List.copyOf(profiles.keySet());
  }
}
