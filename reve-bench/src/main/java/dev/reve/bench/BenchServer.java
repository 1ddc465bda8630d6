package dev.reve.bench;

import dev.reve.testkit.ChatCompletionBodies;
import dev.reve.testkit.NoDelayServerSockets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;

/**
 * The server the side-by-side benchmarks call, run as its own process ({@link RemoteBenchServer}
 * starts it) so that its work is not counted in the client's CPU and allocation. It prints {@code
 * port N} on standard output once it listens on loopback, and stops when standard input closes.
 *
 * <p>Routes, all {@code POST .../v1/chat/completions}:
 *
 * <ul>
 *   <li>{@code /v1/...}: the canned 2.8 KB completion of {@link Payloads}, or its 300-chunk stream
 *       when the request body asks for {@code "stream":true};
 *   <li>{@code /slow/MS/v1/...}: the same after {@code MS} milliseconds (a model's latency);
 *   <li>{@code /live/v1/...}: a stream written event by event, {@value #LIVE_EVENTS} content
 *       deltas {@value #LIVE_GAP_MICROS} µs apart, each delta's text the server's {@link
 *       System#nanoTime()} just before it was written and flushed (the monotonic clock is shared
 *       by processes on one Linux host, so the client can tell how long the delta took to reach
 *       its listener).
 * </ul>
 */
public final class BenchServer {
  /** Content deltas in one live stream. */
  public static final int LIVE_EVENTS = 100;
  /** Pause between two live deltas, so that each is read on its own. */
  public static final int LIVE_GAP_MICROS = 500;

  private static final int WARM_UP_CALLS = 600;
  private static final Pattern SLOW = Pattern.compile("^/slow/(\\d+)(/v1/.*)$");
  private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

  private BenchServer() {}

  /** Starts the server; see the class comment. */
  public static void main(String[] args) throws IOException {
    Payloads payloads = Payloads.fromJungAnswers();
    try (MockWebServer server = new MockWebServer()) {
      server.setServerSocketFactory(new NoDelayServerSockets());
      server.setDispatcher(new Routes(server, payloads));
      server.start();
      warmUp(server.getPort());
      System.out.println("port " + server.getPort());
      System.out.flush();
      // Run until the parent closes our standard input (or dies).
      while (System.in.read() >= 0) {
        // keep running
      }
    }
  }

  /** Serves each route a few hundred times, so that the first measured call finds a warm server. */
  private static void warmUp(int port) throws IOException {
    String[] paths = {"/v1/chat/completions", "/slow/0/v1/chat/completions", "/live/v1/chat/completions"};
    byte[][] bodies = {"{\"stream\":false}".getBytes(StandardCharsets.UTF_8),
        "{\"stream\":true}".getBytes(StandardCharsets.UTF_8)};
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      String path = paths[i % paths.length];
      if (path.startsWith("/live") && i % 10 != 2) {
        continue; // a live stream takes 50 ms
      }
      HttpURLConnection call = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
      call.setRequestMethod("POST");
      call.setDoOutput(true);
      try (OutputStream out = call.getOutputStream()) {
        out.write(bodies[(i / paths.length) % 2]);
      }
      try (InputStream in = call.getInputStream()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    }
  }

  private static final class Routes extends Dispatcher {
    private final MockWebServer server;
    private final Payloads payloads;

    Routes(MockWebServer server, Payloads payloads) {
      this.server = server;
      this.payloads = payloads;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      // MockWebServer queues every request for takeRequest(); drop them so long runs stay flat.
      while (server.takeRequest(0, TimeUnit.SECONDS) != null) {
        // discard
      }
      String path = request.getUrl().encodedPath();
      long delayMillis = 0;
      Matcher slow = SLOW.matcher(path);
      if (slow.matches()) {
        delayMillis = Long.parseLong(slow.group(1));
        path = slow.group(2);
      }
      boolean live = path.startsWith("/live/");
      if (live) {
        path = path.substring("/live".length());
      }
      if (!request.getMethod().equals("POST") || !path.equals("/v1/chat/completions")) {
        return new MockResponse.Builder()
            .code(404)
            .addHeader("Content-Type", "application/json")
            .body("{\"error\":{\"message\":\"no route\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":null}}")
            .build();
      }
      String body = request.getBody() == null ? "" : request.getBody().utf8();
      MockResponse.Builder response =
          new MockResponse.Builder().addHeader("x-request-id", "req_bench");
      if (delayMillis > 0) {
        response.headersDelay(delayMillis, TimeUnit.MILLISECONDS);
      }
      if (live) {
        return response
            .addHeader("Content-Type", "text/event-stream")
            .addHeader("Connection", "close")
            .body(new LiveStream())
            // No length and no chunking: the body ends when the socket closes.
            .onResponseEnd(new SocketEffect.CloseSocket())
            .build();
      }
      if (STREAM.matcher(body).find()) {
        return response
            .addHeader("Content-Type", "text/event-stream")
            .body(payloads.streamBody())
            .build();
      }
      return response.addHeader("Content-Type", "application/json").body(payloads.chatBody()).build();
    }
  }

  /** Writes the live stream one flushed event at a time, stamping each delta as it goes out. */
  private static final class LiveStream implements MockResponseBody {
    private static final String MARK = "NANOS";
    private static final byte[] BEFORE;
    private static final byte[] AFTER;
    private static final byte[] DONE =
        ChatCompletionBodies.event("[DONE]").getBytes(StandardCharsets.UTF_8);

    static {
      String event = ChatCompletionBodies.event(
          ChatCompletionBodies.text("")
              .id("chatcmpl-live")
              .created(1_767_225_600L)
              .model("gpt-4o-mini-2024-07-18")
              .chunk(MARK));
      int at = event.indexOf(MARK);
      BEFORE = event.substring(0, at).getBytes(StandardCharsets.UTF_8);
      AFTER = event.substring(at + MARK.length()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      for (int i = 0; i < LIVE_EVENTS; i++) {
        long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(LIVE_GAP_MICROS);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        sink.write(BEFORE).writeDecimalLong(System.nanoTime()).write(AFTER);
        sink.flush();
      }
      sink.write(DONE);
      sink.flush();
    }
  }
}
