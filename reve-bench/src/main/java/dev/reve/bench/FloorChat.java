package dev.reve.bench;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.reve.openai.chat.ChatMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import okio.Buffer;

/**
 * The floor: what a chat completion costs with nothing but OkHttp and Moshi, one hand-written
 * request type and one response type, the body written into a buffer and parsed from the socket.
 * It checks only the status; anything an SDK does beyond this is its overhead.
 */
public final class FloorChat implements BenchChat {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Completion.Request> REQUEST = MOSHI.adapter(Completion.Request.class);
  private static final JsonAdapter<Completion> RESPONSE = MOSHI.adapter(Completion.class);
  private static final JsonAdapter<Completion.Chunk> CHUNK = MOSHI.adapter(Completion.Chunk.class);

  private final OkHttpClient http = new OkHttpClient();
  private final HttpUrl url;
  private final String authorization = "Bearer " + BenchClients.KEY;
  private final Completion.Request request;

  FloorChat(String baseUrl, List<ChatMessage> messages) {
    url = HttpUrl.get(baseUrl).resolve("chat/completions");
    List<Completion.Message> wire = new ArrayList<>();
    for (ChatMessage m : messages) {
      wire.add(new Completion.Message(m.role(), m.content()));
    }
    request = new Completion.Request(MODEL, wire, MAX_COMPLETION_TOKENS, null);
  }

  @Override
  public String complete() {
    try (Response response = http.newCall(post(request)).execute()) {
      if (!response.isSuccessful()) {
        throw new IllegalStateException("HTTP " + response.code());
      }
      Completion completion = RESPONSE.fromJson(response.body().source());
      return completion.choices().get(0).message().content();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String stream(Consumer<String> onDelta) {
    StringBuilder text = new StringBuilder();
    Completion.Request streamed =
        new Completion.Request(request.model(), request.messages(), request.maxCompletionTokens(), true);
    IOException[] failure = new IOException[1];
    try (Response response = http.newCall(post(streamed)).execute()) {
      if (!response.isSuccessful()) {
        throw new IllegalStateException("HTTP " + response.code());
      }
      EventSources.processResponse(response, new EventSourceListener() {
        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
          if (data.equals("[DONE]")) {
            return;
          }
          try {
            Completion.Chunk chunk = CHUNK.fromJson(data);
            for (Completion.ChunkChoice choice : chunk.choices()) {
              String s = choice.delta().content();
              if (s != null && !s.isEmpty()) {
                text.append(s);
                onDelta.accept(s);
              }
            }
          } catch (IOException e) {
            failure[0] = e;
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (failure[0] != null) {
      throw new UncheckedIOException(failure[0]);
    }
    return text.toString();
  }

  private Request post(Completion.Request body) {
    Buffer json = new Buffer();
    try {
      REQUEST.toJson(json, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Request.Builder()
        .url(url)
        .header("Authorization", authorization)
        .post(RequestBody.create(json.readByteString(), JSON))
        .build();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /**
   * The floor's wire types: exactly the fields it sends and reads.
   *
   * @param id completion id
   * @param choices the choices
   * @param usage token usage
   */
  public record Completion(String id, List<Choice> choices, Usage usage) {
    /**
     * The request.
     *
     * @param model model id
     * @param messages the conversation
     * @param maxCompletionTokens token bound
     * @param stream true for a stream, null otherwise
     */
    public record Request(
        String model,
        List<Message> messages,
        @Json(name = "max_completion_tokens") int maxCompletionTokens,
        Boolean stream) {}

    /**
     * A message.
     *
     * @param role role
     * @param content text
     */
    public record Message(String role, String content) {}

    /**
     * A choice.
     *
     * @param index position
     * @param message the answer
     * @param finishReason why it stopped
     */
    public record Choice(int index, Message message, @Json(name = "finish_reason") String finishReason) {}

    /**
     * Token usage.
     *
     * @param promptTokens prompt tokens
     * @param completionTokens generated tokens
     * @param totalTokens both
     */
    public record Usage(
        @Json(name = "prompt_tokens") int promptTokens,
        @Json(name = "completion_tokens") int completionTokens,
        @Json(name = "total_tokens") int totalTokens) {}

    /**
     * A stream chunk.
     *
     * @param id completion id
     * @param choices the choices' deltas
     */
    public record Chunk(String id, List<ChunkChoice> choices) {}

    /**
     * A chunk's choice.
     *
     * @param index position
     * @param delta what it adds
     */
    public record ChunkChoice(int index, Delta delta) {}

    /**
     * A delta.
     *
     * @param content text added, if any
     */
    public record Delta(String content) {}
  }
}
