package dev.reve.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.reve.testkit.NoDelayServerSockets;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer on loopback that plays the three endpoints the benchmarks call. Uploads to
 * {@code POST /v1/files} are read and thrown away as they arrive (a body limit of 0 keeps none
 * of it), then answered with a file object whose {@code bytes} is the request body's size; chat
 * completions get {@link Payloads}' bodies, streamed when the request accepts {@code
 * text/event-stream}.
 *
 * <p>Accepted sockets get TCP_NODELAY: MockWebServer writes the response head and body
 * separately, and without it Nagle's algorithm holds the body until the client's delayed ACK,
 * adding about 40 ms to every exchange whose body is shorter than one segment.
 */
public final class LoopbackApi implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final AtomicLong uploadedBytes = new AtomicLong();
  private final AtomicLong uploads = new AtomicLong();
  private final Payloads payloads;

  private LoopbackApi(Payloads payloads) {
    this.payloads = payloads;
  }

  /** Starts a server on a free loopback port. */
  public static LoopbackApi start() {
    LoopbackApi api = new LoopbackApi(Payloads.fromJungAnswers());
    api.server.setBodyLimit(0);
    api.server.setServerSocketFactory(new NoDelayServerSockets());
    api.server.setDispatcher(api.new Routes());
    try {
      api.server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the loopback server", e);
    }
    return api;
  }

  /** The base URL to give the client, version segment included. */
  public String baseUrl() {
    return server.url("/v1/").toString();
  }

  /** The bodies this server sends. */
  public Payloads payloads() {
    return payloads;
  }

  /** Request body bytes received by {@code POST files}, multipart framing included. */
  public long uploadedBytes() {
    return uploadedBytes.get();
  }

  /** Uploads answered. */
  public long uploads() {
    return uploads.get();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Answers by method and path. */
  private final class Routes extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      // MockWebServer queues every request for takeRequest(); drop them so long runs stay flat.
      while (server.takeRequest(0, TimeUnit.SECONDS) != null) {
        // discard
      }
      String path = request.getUrl().encodedPath();
      if (request.getMethod().equals("POST") && path.equals("/v1/files")) {
        long size = request.getBodySize();
        uploadedBytes.addAndGet(size);
        long n = uploads.incrementAndGet();
        return json("{\"id\":\"file-bench" + n + "\",\"object\":\"file\",\"bytes\":" + size
            + ",\"created_at\":1767225600,\"filename\":\"bench.jsonl\",\"purpose\":\"fine-tune\","
            + "\"status\":\"processed\",\"expires_at\":null,\"status_details\":null}");
      }
      if (request.getMethod().equals("POST") && path.equals("/v1/chat/completions")) {
        String accept = request.getHeaders().get("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
          return new MockResponse.Builder()
              .addHeader("Content-Type", "text/event-stream")
              .addHeader("x-request-id", "req_bench_stream")
              .body(payloads.streamBody())
              .build();
        }
        return json(payloads.chatBody());
      }
      return new MockResponse.Builder()
          .code(404)
          .addHeader("Content-Type", "application/json")
          .body("{\"error\":{\"message\":\"no route for " + request.getMethod() + " " + path
              + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")
          .build();
    }

    private MockResponse json(String body) {
      return new MockResponse.Builder()
          .addHeader("Content-Type", "application/json")
          .addHeader("x-request-id", "req_bench")
          .body(body)
          .build();
    }
  }
}
