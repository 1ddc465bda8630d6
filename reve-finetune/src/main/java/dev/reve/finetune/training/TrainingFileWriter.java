package dev.reve.finetune.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * Writes chat fine-tuning JSONL: UTF-8 without BOM, one example per line, each line ended by LF.
 * The file appears atomically: lines go to a temporary file in the same folder, which is flushed
 * to disk and then renamed over the target, so a crash never leaves a half-written training file.
 *
 * <pre>{@code
 * WrittenFile file = TrainingFileWriter.write(Path.of("jung.jsonl"), examples);
 *
 * try (TrainingFileWriter writer = TrainingFileWriter.open(Path.of("big.jsonl"))) {
 *   for (TrainingExample example : examples) writer.write(example);
 *   writer.commit();    // without commit, close() discards the temporary file
 * }
 * }</pre>
 */
public final class TrainingFileWriter implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final MessageDigest digest;
  private long examples;
  private long bytes;
  private boolean done;

  private TrainingFileWriter(Path target) throws IOException {
    this.target = target.toAbsolutePath();
    Path dir = this.target.getParent();
    Files.createDirectories(dir);
    this.temp = Files.createTempFile(dir, "." + this.target.getFileName(), ".tmp");
    try {
      readableLikeTarget(temp, this.target);
      this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    this.digest = sha256();
  }

  /**
   * Starts writing {@code target}; nothing is visible there until {@link #commit()}.
   *
   * @throws UncheckedIOException when the folder cannot be created or written
   */
  public static TrainingFileWriter open(Path target) {
    Objects.requireNonNull(target, "target");
    try {
      return new TrainingFileWriter(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a training file next to " + target, e);
    }
  }

  /** Writes all examples to {@code target} in one atomic step. */
  public static WrittenFile write(Path target, Collection<TrainingExample> examples) {
    Objects.requireNonNull(examples, "examples");
    try (TrainingFileWriter writer = open(target)) {
      examples.forEach(writer::write);
      return writer.commit();
    }
  }

  /** Appends one example as one line. */
  public TrainingFileWriter write(TrainingExample example) {
    Objects.requireNonNull(example, "example");
    if (done) {
      throw new IllegalStateException("the writer for " + target + " is already committed or closed");
    }
    byte[] line = (example.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + temp, e);
    }
    digest.update(line);
    examples++;
    bytes += line.length;
    return this;
  }

  /** Flushes the lines to disk and renames the temporary file over the target. */
  public WrittenFile commit() {
    if (done) {
      throw new IllegalStateException("the writer for " + target + " is already committed or closed");
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
      syncDirectory(target.getParent());
    } catch (IOException e) {
      deleteQuietly();
      throw new UncheckedIOException("cannot write " + target, e);
    }
    return new WrittenFile(target, examples, bytes, HexFormat.of().formatHex(digest.digest()));
  }

  /** Discards the temporary file unless {@link #commit()} was called. */
  @Override
  public void close() {
    if (!done) {
      done = true;
      try {
        channel.close();
      } catch (IOException ignored) {
        // the file is deleted next
      }
      deleteQuietly();
    }
  }

  private void deleteQuietly() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // a stray temporary file is harmless
    }
  }

  /** Makes the rename durable; some platforms cannot open a directory, which is fine. */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Windows cannot fsync a directory; the rename is still atomic there
    }
  }

  /** Temporary files are owner-only; give the result the target's permissions, or rw-r--r--. */
  private static void readableLikeTarget(Path temp, Path target) throws IOException {
    if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> permissions =
        Files.exists(target)
            ? Files.getPosixFilePermissions(target)
            : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(temp, permissions);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
