package dev.reve.analysis.batch;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.reve.openai.spi.Json;
import dev.reve.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads and writes a batch analysis's state file, atomically and owner-only, and holds a lock
 * beside it so two processes never drive the same run.
 */
final class BatchStateFile {
  /** The state file's name in the work directory. */
  static final String DEFAULT_NAME = "reve-batch.json";

  private static final JsonAdapter<BatchRunState> ADAPTER = Json.MOSHI.adapter(BatchRunState.class).indent("  ");

  private final Path path;

  BatchStateFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** The recorded state, or empty when there is no file yet. */
  Optional<BatchRunState> load() {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    try {
      BatchRunState state = ADAPTER.fromJson(Files.readString(path, StandardCharsets.UTF_8));
      if (state == null) {
        throw new JsonDataException("the file holds null");
      }
      if (state.version() > BatchRunState.VERSION) {
        throw new BatchStateConflictException(
            path + " was written by a newer Rêve (format " + state.version() + "); upgrade to read it");
      }
      return Optional.of(state);
    } catch (IOException | JsonDataException e) {
      throw new BatchStateConflictException(
          path + " is not a readable batch state (" + e.getMessage() + "). It was left untouched: fix it,"
              + " or move it away to start again (batches already created are found again by their metadata"
              + " only with the old file's run id)",
          e);
    }
  }

  /** Writes {@code state} atomically and readable by the owner only. */
  void save(BatchRunState state) {
    AtomicFiles.writeOwnerOnly(path, (ADAPTER.toJson(state) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Takes the lock beside the state file; close the result to release it. */
  AutoCloseable lock() {
    Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
    try {
      Files.createDirectories(lockPath.toAbsolutePath().getParent());
      FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new BatchStateConflictException(
            "Another process is driving the batch run in " + path.getParent() + " (" + lockPath
                + " is locked); wait for it to finish, or stop it first");
      }
      FileLock held = lock;
      return () -> {
        held.release();
        channel.close();
      };
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + lockPath + ": " + e.getMessage(), e);
    }
  }
}
