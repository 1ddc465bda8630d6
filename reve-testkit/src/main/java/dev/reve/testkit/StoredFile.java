package dev.reve.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okio.ByteString;

/** An uploaded file as the emulator holds it. Immutable. */
public final class StoredFile {
  private final String id;
  private final String filename;
  private final String purpose;
  private final ByteString content;
  private final long createdAt;

  StoredFile(String id, String filename, String purpose, ByteString content, long createdAt) {
    this.id = id;
    this.filename = filename;
    this.purpose = purpose;
    this.content = content;
    this.createdAt = createdAt;
  }

  /** The file id, {@code file-...}. */
  public String id() {
    return id;
  }

  /** The name the client sent. */
  public String filename() {
    return filename;
  }

  /** The purpose the client sent ({@code fine-tune}, ...). */
  public String purpose() {
    return purpose;
  }

  /** The size in bytes. */
  public long bytes() {
    return content.size();
  }

  /** The bytes received (a copy). */
  public byte[] content() {
    return content.toByteArray();
  }

  /** The bytes received, as UTF-8 text. */
  public String text() {
    return content.string(StandardCharsets.UTF_8);
  }

  ByteString contentBytes() {
    return content;
  }

  /** Upload time, Unix seconds. */
  public long createdAt() {
    return createdAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredFile f && f.id.equals(id) && f.filename.equals(filename)
        && f.purpose.equals(purpose) && f.content.equals(content) && f.createdAt == createdAt;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, filename, purpose, content, createdAt);
  }

  @Override
  public String toString() {
    return "StoredFile[" + id + ", " + filename + ", " + purpose + ", " + bytes() + " bytes]";
  }
}
