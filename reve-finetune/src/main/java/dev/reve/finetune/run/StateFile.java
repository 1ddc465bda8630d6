package dev.reve.finetune.run;

import dev.reve.storage.AtomicFiles;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.reve.openai.spi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and atomically writes a run's state file (JSON via Moshi), and holds a lock beside it so
 * two processes never drive the same run at once.
 */
public final class StateFile {
  /** The default file name, in the working directory. */
  public static final String DEFAULT_NAME = "reve-finetune.json";

  private static final JsonAdapter<RunState> ADAPTER = Json.MOSHI.adapter(RunState.class).indent("  ");
  private static final JsonAdapter<Object> ANY = Json.MOSHI.adapter(Object.class);

  private static final java.util.Set<String> KNOWN_KEYS =
      java.util.Set.of("version", "baseModel", "analysts", "updatedAt");

  private final Path path;

  /** The state file at {@code path}. */
  public StateFile(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  /** Where the file is. */
  public Path path() {
    return path;
  }

  /** Whether the file exists. */
  public boolean exists() {
    return Files.exists(path);
  }

  /**
   * The recorded state; an empty state when the file does not exist.
   *
   * @throws RunStateConflictException when the file is not a state file this SDK can read
   */
  public RunState load() {
    if (!Files.exists(path)) {
      return RunState.empty();
    }
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the run state " + path + ": " + e.getMessage(), e);
    }
    RunState state;
    try {
      state = parse(text);
    } catch (IOException | JsonDataException | ClassCastException | NullPointerException e) {
      throw new RunStateConflictException(
          path + " is not a readable run state (" + e.getMessage() + "). It was left untouched:"
              + " fix it, or move it away to start a new run (uploaded files and jobs are then"
              + " found again on the server by name, size and data hash)",
          e);
    }
    if (state == null) {
      throw new RunStateConflictException(path + " holds JSON null; move it away to start a new run");
    }
    return state;
  }

  /** The current format, or version 1 (told by its version field) converted to it. */
  private RunState parse(String text) throws IOException {
    Object json = ANY.fromJson(text);
    if (json == null) {
      return null;
    }
    checkOurs(json);
    Map<?, ?> map = (Map<?, ?>) json;
    if (((Number) map.get("version")).intValue() == 1) {
      return RunStateV1.read(map);
    }
    return ADAPTER.fromJson(text);
  }

  /**
   * Refuses JSON that is not a state file of ours: no object, no numeric {@code version}, keys of
   * another format, a version out of range, an entry that is not an object or sits under another
   * analyst's key.
   */
  private void checkOurs(Object json) {
    if (!(json instanceof Map<?, ?> map) || !(map.get("version") instanceof Number version)
        || !KNOWN_KEYS.containsAll(map.keySet())) {
      throw new RunStateConflictException(path + " is not a Rêve run state (expected an object with"
          + " a numeric \"version\" and only the keys " + KNOWN_KEYS + "); it is left untouched."
          + " Move it away, or pass another state file, to start a run");
    }
    double v = version.doubleValue();
    if (v != Math.rint(v) || v < 1) {
      throw new RunStateConflictException(path + " has format version " + number(v)
          + ", which no Rêve writes (1 to " + RunState.VERSION + "); it is left untouched");
    }
    if (v > RunState.VERSION) {
      throw new RunStateConflictException(
          path + " was written by a newer Rêve (format " + number(v) + "); upgrade to read it");
    }
    Object analysts = map.get("analysts");
    if (analysts == null) {
      return;
    }
    if (!(analysts instanceof Map<?, ?> entries)) {
      throw new RunStateConflictException(path + ": \"analysts\" must be an object of entries by analyst id");
    }
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> entry)) {
        throw new RunStateConflictException(path + ": the entry '" + e.getKey() + "' under \"analysts\" is "
            + (e.getValue() == null ? "null" : "not an object") + "; fix or remove it");
      }
      Object analyst = entry.get("analyst");
      if (analyst != null && !analyst.equals(e.getKey())) {
        throw new RunStateConflictException(path + ": the entry under '" + e.getKey()
            + "' is for analyst '" + analyst + "'; the key and its \"analyst\" must agree");
      }
    }
  }

  private static String number(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  /** Writes {@code state} atomically (temporary file, fsync, rename), owner-only where POSIX. */
  public void save(RunState state) {
    Objects.requireNonNull(state, "state");
    if (Files.exists(path)) {
      // Never replace a file that is not ours: load() explains what is wrong with it.
      load();
    }
    state = new RunState(RunState.VERSION, state.baseModel(), state.analysts(), state.updatedAt());
    try {
      AtomicFiles.writeOwnerOnly(path, (ADAPTER.toJson(state) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("Cannot write the run state " + path + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Takes the lock beside the state file ({@code <name>.lock}); close the result to release it.
   *
   * @throws RunStateConflictException when another process holds it
   */
  public Lock lock() {
    Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
    try {
      Path dir = lockPath.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      FileChannel channel =
          FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      if (lock == null) {
        channel.close();
        throw new RunStateConflictException(
            "Another reve finetune process is using " + path + " (lock " + lockPath + " is held);"
                + " wait for it to finish, or stop it first");
      }
      return new Lock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + lockPath + ": " + e.getMessage(), e);
    }
  }

  /** A held lock on a state file. */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    /** Releases the lock. */
    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException ignored) {
        // the lock goes with the channel or the process
      }
    }
  }
}
