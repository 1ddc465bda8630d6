package dev.reve.finetune.training;

import dev.reve.storage.AtomicFiles;
import dev.reve.storage.Sha256;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Objects;


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
  private final AtomicFiles.Replacement file;
  private final MessageDigest digest = Sha256.newDigest();
  private long examples;
  private long bytes;
  private boolean done;

  private TrainingFileWriter(Path target) {
    this.file = AtomicFiles.begin(target);
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
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot create a training file next to " + target, e.getCause());
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
      throw new IllegalStateException("the writer for " + file.target() + " is already committed or closed");
    }
    byte[] line = (example.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
    file.write(line);
    digest.update(line);
    examples++;
    bytes += line.length;
    return this;
  }

  /** Flushes the lines to disk and renames the temporary file over the target. */
  public WrittenFile commit() {
    if (done) {
      throw new IllegalStateException("the writer for " + file.target() + " is already committed or closed");
    }
    done = true;
    file.commit();
    return new WrittenFile(file.target(), examples, bytes, Sha256.hex(digest));
  }

  /** Discards the temporary file unless {@link #commit()} was called. */
  @Override
  public void close() {
    done = true;
    file.close();
  }
}
