package dev.reve.openai.files;

/**
 * Hears how far an upload has gone. Called on the uploading thread after each chunk; when a
 * failed attempt is retried, counting starts again at zero.
 */
@FunctionalInterface
public interface UploadProgressListener {
  /** A listener that ignores progress. */
  UploadProgressListener NONE = (sent, total) -> {};

  /**
   * Reports progress.
   *
   * @param bytesSent bytes of the file sent so far in this attempt
   * @param totalBytes the file's size
   */
  void onProgress(long bytesSent, long totalBytes);
}
