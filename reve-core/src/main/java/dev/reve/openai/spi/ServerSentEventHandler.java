package dev.reve.openai.spi;

/** Receives server-sent events; see {@link Transport#stream}. */
@FunctionalInterface
public interface ServerSentEventHandler {
  /**
   * Handles one event ({@code type} is null for the default {@code message} type).
   *
   * @return true when this event ends the stream (OpenAI's {@code data: [DONE]})
   */
  boolean onEvent(String type, String data);
}
