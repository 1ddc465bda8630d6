package dev.reve.openai.internal;

import dev.reve.openai.error.ResponseTooLargeException;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import okhttp3.ResponseBody;

/**
 * The one size cap on what a response may hold: reading past {@code limit} bytes throws {@link
 * ResponseTooLargeException} instead of buffering whatever a server keeps sending. Whoever reads a
 * body (as a String or straight from the source) reads it through {@link #of}.
 */
final class BoundedSource extends ForwardingSource {
  private final long limit;
  private final String what;
  private final String setting;
  private long read;

  private BoundedSource(Source delegate, long limit, String what, String setting) {
    super(delegate);
    this.limit = limit;
    this.what = what;
    this.setting = setting;
  }

  /**
   * The body's source, failing once more than {@code limit} bytes arrive (at once when the
   * declared length is already larger).
   */
  static BufferedSource of(ResponseBody body, long limit, String what, String setting) {
    if (body.contentLength() > limit) {
      throw new ResponseTooLargeException(
          what + " (declared " + body.contentLength() + " bytes)", limit, setting);
    }
    return Okio.buffer(new BoundedSource(body.source(), limit, what, setting));
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long n = super.read(sink, Math.min(byteCount, limit - read + 1));
    if (n > 0) {
      read += n;
      if (read > limit) {
        throw new ResponseTooLargeException(what, limit, setting);
      }
    }
    return n;
  }
}
