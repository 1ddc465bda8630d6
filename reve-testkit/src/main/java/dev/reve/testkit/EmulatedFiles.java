package dev.reve.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okio.ByteString;

/** The files stored in an {@link OpenAiEmulator}, from {@link OpenAiEmulator#files()}. Thread-safe. */
public final class EmulatedFiles {
  private final EmulatorState state;
  private final Map<String, StoredFile> files = new LinkedHashMap<>();

  EmulatedFiles(EmulatorState state) {
    this.state = state;
  }

  /** The stored files, oldest first. */
  public List<StoredFile> all() {
    synchronized (state.lock) {
      return List.copyOf(files.values());
    }
  }

  /** The file with this id. */
  public Optional<StoredFile> find(String id) {
    synchronized (state.lock) {
      return Optional.ofNullable(files.get(id));
    }
  }

  /** Stores a file as if uploaded earlier, and returns it. */
  public StoredFile add(String filename, String purpose, byte[] content) {
    return store(Objects.requireNonNull(filename, "filename"), Objects.requireNonNull(purpose, "purpose"),
        ByteString.of(content));
  }

  StoredFile store(String filename, String purpose, ByteString content) {
    synchronized (state.lock) {
      StoredFile file = new StoredFile(state.nextId("file-emu", "file"), filename, purpose, content, state.stamp());
      files.put(file.id(), file);
      return file;
    }
  }

  /** Puts back a file read from the state folder. */
  void restore(StoredFile file) {
    synchronized (state.lock) {
      files.put(file.id(), file);
    }
  }

  boolean delete(String id) {
    synchronized (state.lock) {
      return files.remove(id) != null;
    }
  }

  @Override
  public String toString() {
    return "EmulatedFiles" + all().stream().map(StoredFile::id).toList();
  }
}
