package dev.reve.openai.internal;

import dev.reve.openai.call.Cancellation;
import dev.reve.openai.call.ResponseMetadata;
import dev.reve.openai.error.MalformedResponseException;
import dev.reve.openai.error.StreamException;
import dev.reve.openai.spi.ServerSentEventHandler;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * Reads one successful response as a server-sent event stream. A stream that fails before its
 * first event throws {@link IOException}, so the retry loop may try again; after that it is a
 * {@link StreamException}.
 */
final class EventStreamReader {
  private final HttpLog log;

  EventStreamReader(HttpLog log) {
    this.log = log;
  }

  ResponseMetadata read(
      Response response, ResponseMetadata meta, ServerSentEventHandler handler, Cancellation cancel)
      throws IOException {
    State state = new State(response, handler);
    EventSources.processResponse(response, state);
    String requestId = meta.requestId().orElse(null);
    if (state.handlerError != null) {
      throw state.handlerError;
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
          response.code(), "(not an event stream)", requestId, notSse.getMessage(), notSse);
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
}
