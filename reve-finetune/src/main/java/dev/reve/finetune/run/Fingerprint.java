package dev.reve.finetune.run;

import dev.reve.storage.Sha256;
import java.nio.file.Path;

/** What identifies a file's data: its SHA-256 (hex) and size, read in one pass. */
record Fingerprint(String sha256, long bytes) {
  static Fingerprint of(Path file) {
    Sha256.FileHash hash = Sha256.ofFile(file);
    return new Fingerprint(hash.sha256(), hash.bytes());
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
