package dev.reve.finetune.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What identifies a file's data: its SHA-256 (hex) and size, read in one pass. */
record Fingerprint(String sha256, long bytes) {
  static Fingerprint of(Path file) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long size = 0;
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        int n;
        while ((n = in.read(buffer)) != -1) {
          size += n;
        }
      }
      return new Fingerprint(HexFormat.of().formatHex(digest.digest()), size);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** {@code jung.jsonl} with hash {@code 3fa9...} uploads as {@code jung-3fa9c1d2e4b5.jsonl}. */
  String uploadName(Path file) {
    String base = String.valueOf(file.getFileName());
    int dot = base.lastIndexOf('.');
    String stem = dot > 0 ? base.substring(0, dot) : base;
    String ext = dot > 0 ? base.substring(dot) : ".jsonl";
    return stem + "-" + sha256.substring(0, 12) + ext;
  }
}
