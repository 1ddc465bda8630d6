package dev.reve.openai.internal;

import dev.reve.openai.call.Cancellation;
import dev.reve.openai.call.ResponseMetadata;
import dev.reve.openai.error.MalformedResponseException;
import dev.reve.openai.error.StreamException;
import dev.reve.openai.spi.ServerSentEventHandler;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import dev.reve.openai.error.ResponseTooLargeException;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * Reads one successful response as a server-sent event stream. A stream that fails before its
 * first event throws {@link IOException}, so the retry loop may try again; after that it is a
 * {@link StreamException}. The whole stream may hold at most {@code maxStreamBytes} and one event
 * at most {@code maxEventBytes}; past either it fails with {@link ResponseTooLargeException}.
 */
final class EventStreamReader {
  private final HttpLog log;
  private final long maxStreamBytes;
  private final long maxEventBytes;

  EventStreamReader(HttpLog log, long maxStreamBytes, long maxEventBytes) {
    this.log = log;
    this.maxStreamBytes = maxStreamBytes;
    this.maxEventBytes = maxEventBytes;
  }

  ResponseMetadata read(
      Response response, ResponseMetadata meta, ServerSentEventHandler handler, Cancellation cancel)
      throws IOException {
    State state = new State(response, handler);
    ResponseBody body = response.body();
    BufferedSource bounded = Okio.buffer(new EventLimit(
        BoundedSource.of(body, maxStreamBytes, "the event stream", "maxResponseBytes"), maxEventBytes));
    Response limited = response.newBuilder()
        .body(ResponseBody.create(bounded, body.contentType(), body.contentLength())).build();
    EventSources.processResponse(limited, state);
    String requestId = meta.requestId().orElse(null);
    if (state.handlerError != null) {
      throw state.handlerError;
    }
    if (state.failure instanceof ResponseTooLargeException tooLarge) {
      throw tooLarge;
    }
    if (state.done) {
      return meta;
    }
    if (cancel.isCancelled()) {
      throw new CancellationException("stream cancelled by the caller");
    }
    Throwable failure = state.failure;
    if (failure instanceof IllegalStateException notSse) {
      throw new MalformedResponseException(
          response.code(), "(not an event stream)", requestId, log.redact(notSse.getMessage()), notSse);
    }
    if (!state.delivered) {
      throw failure instanceof IOException io
          ? io
          : new IOException("event stream closed before its first event", failure);
    }
    String detail =
        failure == null ? "the server closed the connection" : "the connection failed (" + failure + ")";
    throw StreamException.truncated(detail, requestId, failure);
  }

  private final class State extends EventSourceListener {
    private final Response response;
    private final ServerSentEventHandler handler;
    private volatile boolean delivered;
    private volatile boolean done;
    private volatile RuntimeException handlerError;
    private volatile Throwable failure;

    State(Response response, ServerSentEventHandler handler) {
      this.response = response;
      this.handler = handler;
    }

    @Override
    public void onEvent(EventSource source, String id, String type, String data) {
      if (done || handlerError != null) {
        return;
      }
      delivered = true;
      log.traceEvent(type, data);
      try {
        if (handler.onEvent(type, data)) {
          done = true;
          response.close();
        }
      } catch (RuntimeException e) {
        handlerError = e;
        response.close();
      }
    }

    @Override
    public void onFailure(EventSource source, Throwable t, Response r) {
      if (!done && handlerError == null) {
        failure = t;
      }
    }
  }

  /** Counts the bytes of the current event (up to its blank line) and fails past the limit. */
  private static final class EventLimit extends ForwardingSource {
    private final long limit;
    private long inEvent;
    private boolean lineEnded;
    private boolean afterCr;

    EventLimit(Source delegate, long limit) {
      super(delegate);
      this.limit = limit;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long n = super.read(sink, byteCount);
      if (n <= 0) {
        return n;
      }
      // The new bytes straight from the segments' arrays (a read-only cursor shares nothing);
      // Buffer.getByte per byte would seek the segment list for every byte of the stream.
      try (Buffer.UnsafeCursor cursor = sink.readUnsafe(new Buffer.UnsafeCursor())) {
        long at = sink.size() - n;
        while (at < sink.size()) {
          cursor.seek(at);
          byte[] data = cursor.data;
          for (int i = cursor.start; i < cursor.end; i++) {
            count(data[i]);
          }
          at += cursor.end - cursor.start;
        }
      }
      return n;
    }

    private void count(byte b) {
      boolean crlf = afterCr && b == '\n';
      afterCr = b == '\r';
      if (crlf) {
        return;
      }
      if (b == '\n' || b == '\r') {
        if (lineEnded) {
          inEvent = 0;
        }
        lineEnded = true;
      } else {
        lineEnded = false;
        if (++inEvent > limit) {
          throw new ResponseTooLargeException("one event of the stream", limit, "maxEventBytes");
        }
      }
    }
  }
}
