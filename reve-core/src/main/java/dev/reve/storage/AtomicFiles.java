package dev.reve.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces a file so that readers see the old content or the new, never a torn mix, and the new
 * content survives a crash: a temporary file in the same directory is written and fsynced, moved
 * over the target atomically, and the directory is fsynced where the platform allows.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("state.json"), bytes);
 * try (AtomicFiles.Replacement out = AtomicFiles.begin(target)) {
 *   out.write(chunk);
 *   out.commit();   // without commit, close() discards the temporary file
 * }
 * }</pre>
 */
public final class AtomicFiles {
  private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code target} in one atomic, durable step. The file keeps the
   * target's permissions, or gets {@code rw-r--r--} when new (where POSIX).
   *
   * @throws UncheckedIOException when the directory or file cannot be written
   */
  public static void write(Path target, byte[] content) {
    try (Replacement out = begin(target)) {
      out.write(content);
      out.commit();
    }
  }

  /** {@link #write} readable by the owner only ({@code rw-------} where POSIX), for secrets. */
  public static void writeOwnerOnly(Path target, byte[] content) {
    try (Replacement out = beginOwnerOnly(target)) {
      out.write(content);
      out.commit();
    }
  }

  /** Starts replacing {@code target}; nothing is visible there until {@link Replacement#commit()}. */
  public static Replacement begin(Path target) {
    return new Replacement(target, false);
  }

  /** {@link #begin} for a file readable by the owner only. */
  public static Replacement beginOwnerOnly(Path target) {
    return new Replacement(target, true);
  }

  /** A file being replaced; close it to discard it unless committed. Not thread-safe. */
  public static final class Replacement implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean done;

    private Replacement(Path target, boolean ownerOnly) {
      this.target = Objects.requireNonNull(target, "target").toAbsolutePath();
      Path dir = this.target.getParent();
      try {
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".tmp");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a file next to " + target + ": " + e.getMessage(), e);
      }
      try {
        setPermissions(temp, ownerOnly ? OWNER_ONLY : permissionsLike(this.target));
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      } catch (IOException | RuntimeException e) {
        deleteQuietly(temp);
        throw e instanceof IOException io
            ? new UncheckedIOException("Cannot write " + temp + ": " + io.getMessage(), io)
            : (RuntimeException) e;
      }
    }

    /** The file that appears on commit. */
    public Path target() {
      return target;
    }

    /** Appends bytes. */
    public void write(byte[] bytes) {
      write(bytes, 0, bytes.length);
    }

    /** Appends {@code length} bytes from {@code offset}. */
    public void write(byte[] bytes, int offset, int length) {
      if (done) {
        throw new IllegalStateException("the replacement of " + target + " is already committed or closed");
      }
      try {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + temp + ": " + e.getMessage(), e);
      }
    }

    /** The content as a stream; closing the stream does not commit. */
    public OutputStream stream() {
      OutputStream raw = Channels.newOutputStream(channel);
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          raw.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          raw.write(b, off, len);
        }
      };
    }

    /** Fsyncs the content, moves it over the target and fsyncs the directory. */
    public void commit() {
      if (done) {
        throw new IllegalStateException("the replacement of " + target + " is already committed or closed");
      }
      done = true;
      try {
        try (FileChannel written = channel) {
          written.force(true);
        }
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        deleteQuietly(temp);
        throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
      }
      syncDirectory(target.getParent());
    }

    /** Discards the temporary file unless committed. */
    @Override
    public void close() {
      if (!done) {
        done = true;
        try {
          channel.close();
        } catch (IOException ignored) {
          // the file is deleted next
        }
        deleteQuietly(temp);
      }
    }
  }

  private static Set<PosixFilePermission> permissionsLike(Path target) {
    try {
      return Files.exists(target) ? Files.getPosixFilePermissions(target) : READABLE;
    } catch (IOException | UnsupportedOperationException e) {
      return READABLE;
    }
  }

  private static void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view != null) {
      view.setPermissions(permissions);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not every platform can open a directory; the move itself is still atomic
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stray temporary file is harmless
    }
  }
}
