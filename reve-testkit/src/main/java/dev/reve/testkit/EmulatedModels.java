package dev.reve.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The models an {@link OpenAiEmulator} serves, from {@link OpenAiEmulator#models()}. Thread-safe. */
public final class EmulatedModels {
  private final EmulatorState state;
  private final Map<String, StoredModel> models = new LinkedHashMap<>();

  EmulatedModels(EmulatorState state, List<StoredModel> initial) {
    this.state = state;
    initial.forEach(m -> models.put(m.id(), m));
  }

  /** Adds a base model owned by {@code system}, or replaces the one with this id. */
  public EmulatedModels add(String id) {
    return add(StoredModel.of(id));
  }

  /** Adds a model, or replaces the one with the same id. */
  public EmulatedModels add(StoredModel model) {
    Objects.requireNonNull(model, "model");
    synchronized (state.lock) {
      models.put(model.id(), model);
    }
    return this;
  }

  /** Removes a model, as deleting it does; chat requests for it then answer 404. */
  public boolean remove(String id) {
    synchronized (state.lock) {
      return models.remove(id) != null;
    }
  }

  /** The models served, in the order added. */
  public List<StoredModel> all() {
    synchronized (state.lock) {
      return List.copyOf(models.values());
    }
  }

  /** The model with this id. */
  public Optional<StoredModel> find(String id) {
    synchronized (state.lock) {
      return Optional.ofNullable(models.get(id));
    }
  }

  /** Whether a model with this id is served. */
  public boolean contains(String id) {
    return find(id).isPresent();
  }

  /** Registers a fine-tuned model owned by the emulator's organization, as a finished job does. */
  void addFineTuned(String id) {
    synchronized (state.lock) {
      models.put(id, new StoredModel(id, state.stamp(), state.organization, Optional.empty()));
    }
  }

  @Override
  public String toString() {
    return "EmulatedModels" + all().stream().map(StoredModel::id).toList();
  }
}
