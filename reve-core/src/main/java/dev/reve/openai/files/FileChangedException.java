package dev.reve.openai.files;

import dev.reve.openai.error.OpenAiException;
import java.nio.file.Path;

/**
 * A file's bytes are not the ones that were checked: it changed after validation (appended,
 * swapped, rewritten). Nothing built on it was created; check it again once it is no longer being
 * written.
 */
public final class FileChangedException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  /**
   * @param file the file
   * @param checkedSha256 the hash of the data that was checked
   * @param nowSha256 the hash of the data read later (sent, or read again)
   * @param what what became of anything already made from it, for the message
   */
  public FileChangedException(Path file, String checkedSha256, String nowSha256, String what) {
    super(file + " changed after it was checked (checked data SHA-256 " + abbreviate(checkedSha256)
        + ", now " + abbreviate(nowSha256) + "); " + what + ", and no fine-tuning job was created."
        + " Run again once the file is no longer being written");
    this.file = file;
  }

  /** The file that changed. */
  public Path file() {
    return file;
  }

  private static String abbreviate(String hash) {
    return hash == null ? "unknown" : hash.length() > 12 ? hash.substring(0, 12) + "..." : hash;
  }
}
