package dev.reve.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * How an answer is lost after the emulator has acted on a request: the file is stored or the job
 * created, and then the client sees a dropped connection, a gateway error or silence. This is
 * the case that makes a blind resend create duplicates.
 */
@FunctionalInterface
public interface AnswerLoss {
  /** The connection is shut down before the status line is sent. */
  AnswerLoss DROP_CONNECTION =
      (request, answer) ->
          new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();

  /** The real status and headers are sent, then the connection is cut partway into the body. */
  AnswerLoss CUT_MID_BODY =
      (request, answer) -> {
        Buffer body = new Buffer();
        if (answer.getBody() != null) {
          try {
            answer.getBody().writeTo(body);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return answer.newBuilder()
            .body(body.size() == 0 ? new Buffer().writeUtf8("{}") : body)
            .throttleBody(16, 0, TimeUnit.MILLISECONDS)
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
      };

  /** A proxy's 504 with a plain-text body. */
  AnswerLoss GATEWAY_TIMEOUT =
      (request, answer) ->
          new MockResponse.Builder()
              .code(504)
              .setHeader("Content-Type", "text/plain")
              .body("upstream request timeout")
              .build();

  /** Nothing is sent until the client's read timeout ends the wait. */
  AnswerLoss STALL =
      (request, answer) -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();

  /** The response the client gets instead of {@code answer}, the emulator's real one. */
  MockResponse breakAnswer(EmulatedRequest request, MockResponse answer);

  /** Replaces the answer with {@code response}, whatever the emulator did. */
  static AnswerLoss replaceWith(MockResponse response) {
    Objects.requireNonNull(response, "response");
    return (request, answer) -> response;
  }
}
