package dev.reve.openai.spi;

import dev.reve.openai.call.Cancellation;
import dev.reve.openai.call.ResponseMetadata;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;

/**
 * How a feature service issues calls: one client's retry loop, deadline, error mapping and
 * redacting log under every request. Extension modules (fine-tuning, batch) get one from {@code
 * OpenAiClient.transport()}; applications use the client's services instead.
 */
public interface Transport {
  /**
   * Sends a request with retries and parses the JSON body as {@code type}.
   *
   * @throws dev.reve.openai.error.OpenAiException typed by what went wrong
   */
  <T> ApiResponse<T> send(ApiRequest request, Type type, Cancellation cancel);

  /** {@link #send} without a cancellation. */
  default <T> ApiResponse<T> send(ApiRequest request, Type type) {
    return send(request, type, Cancellation.none());
  }

  /**
   * Sends a request whose answer is a server-sent event stream and hands each event to {@code
   * handler} until it reports the end. Retried only before the first event arrives; a stream that
   * ends before the handler saw its end raises {@link dev.reve.openai.error.StreamException}.
   */
  ResponseMetadata stream(ApiRequest request, ServerSentEventHandler handler, Cancellation cancel);

  /**
   * Sends a request and hands over the raw body, retrying until the headers of a successful
   * response arrive. The caller must close the result.
   */
  RawResponse raw(ApiRequest request, Cancellation cancel);

  /** Runs {@code work} on the client's executor with a cancellation that reaches the HTTP call. */
  <T> CompletableFuture<T> async(CancellableWork<T> work);

  /** Replaces the API key in text that may be logged or thrown. */
  String redact(String text);
}
