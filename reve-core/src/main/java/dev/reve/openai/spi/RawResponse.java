package dev.reve.openai.spi;

import dev.reve.openai.call.ResponseMetadata;
import java.io.InputStream;

/** A raw response body and its metadata (file downloads); close it to release the connection. */
public interface RawResponse extends AutoCloseable {
  /** The body as a stream, read once. */
  InputStream body();

  /** The content length, or -1 when unknown. */
  long contentLength();

  /** Status, request id, attempts. */
  ResponseMetadata metadata();

  @Override
  void close();
}
