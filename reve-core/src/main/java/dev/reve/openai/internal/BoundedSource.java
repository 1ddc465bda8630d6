package dev.reve.openai.internal;

import dev.reve.openai.error.ResponseTooLargeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import okhttp3.ResponseBody;

/**
 * The one size cap on what a response may hold: reading past {@code limit} bytes throws {@link
 * ResponseTooLargeException} instead of buffering whatever a server keeps sending. Whoever reads a
 * body (as a String or straight from the source) reads it through {@link #of} or {@link
 * #keepingHead}.
 */
final class BoundedSource extends ForwardingSource {
  private final long limit;
  private final String what;
  private final String setting;
  private final byte[] head;
  private int headSize;
  private long read;

  private BoundedSource(Source delegate, long limit, String what, String setting, int headBytes) {
    super(delegate);
    this.limit = limit;
    this.what = what;
    this.setting = setting;
    this.head = headBytes == 0 ? null : new byte[headBytes];
  }

  /**
   * The body's source, failing once more than {@code limit} bytes arrive (at once when the
   * declared length is already larger).
   */
  static BufferedSource of(ResponseBody body, long limit, String what, String setting) {
    return Okio.buffer(keepingHead(body, limit, what, setting, 0));
  }

  /**
   * The same cap, also keeping a copy of the body's first {@code headBytes} bytes (at most the
   * declared length) as they pass, so that a body parsed straight from the socket can still be
   * quoted when it turns out malformed. Buffer it with {@link Okio#buffer}.
   */
  static BoundedSource keepingHead(ResponseBody body, long limit, String what, String setting, int headBytes) {
    long declared = body.contentLength();
    if (declared > limit) {
      throw new ResponseTooLargeException(what + " (declared " + declared + " bytes)", limit, setting);
    }
    int keep = declared >= 0 ? (int) Math.min(headBytes, declared) : headBytes;
    return new BoundedSource(body.source(), limit, what, setting, keep);
  }

  /** The first bytes read so far (see {@link #keepingHead}), as text. */
  String head() {
    return head == null ? "" : new String(head, 0, headSize, StandardCharsets.UTF_8);
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long n = super.read(sink, Math.min(byteCount, limit - read + 1));
    if (n > 0) {
      read += n;
      if (read > limit) {
        throw new ResponseTooLargeException(what, limit, setting);
      }
      if (head != null && headSize < head.length) {
        // Copied from the segments' arrays through a read-only cursor, not with
        // Buffer.copyTo(Buffer): a shared segment is never recycled into okio's pool, and every
        // call would then allocate fresh 8 KiB segments. (Buffer.getByte per byte seeks the
        // segment list for each of the bytes.)
        int take = (int) Math.min(n, head.length - headSize);
        try (Buffer.UnsafeCursor cursor = sink.readUnsafe(new Buffer.UnsafeCursor())) {
          long at = sink.size() - n;
          while (take > 0) {
            cursor.seek(at);
            int len = Math.min(take, cursor.end - cursor.start);
            System.arraycopy(cursor.data, cursor.start, head, headSize, len);
            headSize += len;
            at += len;
            take -= len;
          }
        }
      }
    }
    return n;
  }
}
