package dev.reve.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Large files that take no disk space: {@link RandomAccessFile#setLength} leaves a hole. */
final class SparseFile {
  private SparseFile() {}

  /** Creates (or resizes) {@code file} to {@code size} bytes of zeros and returns it. */
  static Path create(Path file, long size) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
    return file;
  }
}
