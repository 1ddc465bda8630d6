package dev.reve.openai.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body that streams a file from disk in fixed-size chunks. Each {@link #writeTo} opens
 * the file again, so a retried request sends the whole file again, and memory use does not grow
 * with the file's size.
 */
final class FileBody extends RequestBody {
  private static final int CHUNK = 64 * 1024;
  private static final MediaType JSONL = MediaType.get("application/jsonl");

  private final Path file;
  private final long size;
  private final UploadProgressListener progress;
  private volatile String sentSha256;

  FileBody(Path file, long size, UploadProgressListener progress) {
    this.file = file;
    this.size = size;
    this.progress = progress;
  }

  @Override
  public MediaType contentType() {
    return JSONL;
  }

  @Override
  public long contentLength() {
    return size;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    byte[] buffer = new byte[CHUNK];
    java.security.MessageDigest digest = dev.reve.storage.Sha256.newDigest();
    long sent = 0;
    progress.onProgress(0, size);
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        if (sent + n > size) {
          throw new IOException(
              file + " grew while it was being uploaded (expected " + size + " bytes); upload it"
                  + " again once it is no longer being written");
        }
        sink.write(buffer, 0, n);
        digest.update(buffer, 0, n);
        sent += n;
        progress.onProgress(sent, size);
      }
    }
    if (sent != size) {
      throw new IOException(
          file + " shrank while it was being uploaded (expected " + size + " bytes, read " + sent
              + "); upload it again once it is no longer being written");
    }
    sentSha256 = dev.reve.storage.Sha256.hex(digest);
  }

  /** The SHA-256 (hex) of the bytes the last complete {@link #writeTo} sent, or null. */
  String sentSha256() {
    return sentSha256;
  }
}
