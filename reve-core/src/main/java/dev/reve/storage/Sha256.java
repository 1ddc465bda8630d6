package dev.reve.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one implementation: of bytes, of text (UTF-8), of a file streamed from disk. */
public final class Sha256 {
  private static final int BUFFER = 64 * 1024;

  private Sha256() {}

  /** A fresh digest for incremental hashing; finish it with {@link #hex(MessageDigest)}. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** The raw 32-byte hash of {@code bytes}. */
  public static byte[] digest(byte[] bytes) {
    return newDigest().digest(bytes);
  }

  /** The lowercase hex hash of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest(bytes));
  }

  /** The lowercase hex hash of {@code text} encoded as UTF-8. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Completes {@code digest} and returns its lowercase hex value. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A file's hash and size, read in constant memory.
   *
   * @param sha256 the lowercase hex hash
   * @param bytes the file's size
   */
  public record FileHash(String sha256, long bytes) {}

  /**
   * Hashes a file streamed from disk.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static FileHash ofFile(Path file) {
    MessageDigest digest = newDigest();
    long size = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        digest.update(buffer, 0, n);
        size += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return new FileHash(hex(digest), size);
  }
}
