package dev.reve.openai.chat;

import com.squareup.moshi.JsonAdapter;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.spi.ApiResponse;
import dev.reve.openai.call.Cancellation;
import dev.reve.openai.error.MalformedResponseException;
import dev.reve.openai.call.RequestOptions;
import dev.reve.openai.call.ResponseMetadata;
import dev.reve.openai.error.StreamException;
import dev.reve.openai.internal.ErrorMapper;
import dev.reve.openai.spi.Json;
import dev.reve.openai.spi.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** Chat completions ({@code POST chat/completions}): blocking, asynchronous and streaming. */
public final class ChatService {
  private static final JsonAdapter<ChatCompletionChunk> CHUNK =
      Json.MOSHI.adapter(ChatCompletionChunk.class);

  private final Transport transport;

  /** Over a client's transport; applications use {@code OpenAiClient.chat()}. */
  public ChatService(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /** Creates a completion, blocking until it is complete. */
  public ChatCompletion create(ChatRequest request) {
    return create(request, RequestOptions.NONE);
  }

  /** Creates a completion with per-request options. */
  public ChatCompletion create(ChatRequest request, RequestOptions options) {
    return create(request, options, Cancellation.none());
  }

  /** Creates a completion, observing {@code cancel} (for work already running asynchronously). */
  public ChatCompletion create(ChatRequest request, RequestOptions options, Cancellation cancel) {
    ApiResponse<ChatCompletion> response =
        transport.send(post(request, options), ChatCompletion.class, cancel);
    if (response.body().choices().isEmpty()) {
      throw new MalformedResponseException(
          response.metadata().statusCode(), "(a completion without choices)",
          response.metadata().requestId().orElse(null), "choices is null, absent or empty", null);
    }
    return response.body().withResponseMetadata(response.metadata());
  }

  /** Creates a completion without blocking; cancelling the future cancels the HTTP call. */
  public CompletableFuture<ChatCompletion> createAsync(ChatRequest request) {
    return createAsync(request, RequestOptions.NONE);
  }

  /** {@link #createAsync(ChatRequest)} with per-request options. */
  public CompletableFuture<ChatCompletion> createAsync(ChatRequest request, RequestOptions options) {
    return transport.async(cancel -> create(request, options, cancel));
  }

  /**
   * Streams a completion, handing text to {@code listener} as it arrives, and returns the
   * assembled completion (with usage) once {@code data: [DONE]} arrives.
   *
   * @throws StreamException on an error event, or when the stream ends before {@code [DONE]}
   */
  public ChatCompletion stream(ChatRequest request, ChatStreamListener listener) {
    return stream(request, listener, RequestOptions.NONE);
  }

  /** {@link #stream(ChatRequest, ChatStreamListener)} with per-request options. */
  public ChatCompletion stream(
      ChatRequest request, ChatStreamListener listener, RequestOptions options) {
    return stream(request, listener, options, Cancellation.none());
  }

  /** Streams without blocking; cancelling the future stops the stream. */
  public CompletableFuture<ChatCompletion> streamAsync(
      ChatRequest request, ChatStreamListener listener) {
    return streamAsync(request, listener, RequestOptions.NONE);
  }

  /** {@link #streamAsync(ChatRequest, ChatStreamListener)} with per-request options. */
  public CompletableFuture<ChatCompletion> streamAsync(
      ChatRequest request, ChatStreamListener listener, RequestOptions options) {
    return transport.async(cancel -> stream(request, listener, options, cancel));
  }

  /** Streams a completion, observing {@code c} (for work already running asynchronously). */
  public ChatCompletion stream(
      ChatRequest request, ChatStreamListener listener, RequestOptions options, Cancellation c) {
    Objects.requireNonNull(listener, "listener");
    ApiRequest api =
        ApiRequest.post("chat/completions")
            .jsonBody(request.asStream())
            .header("Accept", "text/event-stream")
            .options(options)
            .build();
    // An attempt that fails before its first event is retried; start each one afresh.
    Assembler[] current = new Assembler[1];
    ResponseMetadata metadata =
        transport.stream(
            api,
            (type, data) -> {
              if (current[0] == null) {
                current[0] = new Assembler(transport::redact);
              }
              return current[0].accept(type, data, listener);
            },
            c);
    Assembler assembler = current[0] == null ? new Assembler(transport::redact) : current[0];
    return assembler.completion(metadata);
  }

  private static ApiRequest post(ChatRequest request, RequestOptions options) {
    return ApiRequest.post("chat/completions").jsonBody(request).options(options).build();
  }

  /** Folds chunks into one completion. */
  private static final class Assembler {
    private final java.util.function.UnaryOperator<String> redactor;
    private String id;
    private Long created;
    private String model;
    private Usage usage;
    private final Map<Integer, StringBuilder> text = new TreeMap<>();
    private final Map<Integer, StringBuilder> refusal = new TreeMap<>();
    private final Map<Integer, String> finish = new TreeMap<>();

    Assembler(java.util.function.UnaryOperator<String> redactor) {
      this.redactor = redactor;
    }

    boolean accept(String type, String data, ChatStreamListener listener) {
      String payload = data == null ? "" : data.strip();
      if (payload.equals("[DONE]")) {
        return true;
      }
      if (payload.isEmpty()) {
        return false;
      }
      if ("error".equals(type) || payload.startsWith("{\"error\"") || hasErrorKey(payload)) {
        throw errorEvent(payload);
      }
      ChatCompletionChunk chunk;
      try {
        chunk = CHUNK.fromJson(payload);
      } catch (IOException | RuntimeException e) {
        String shown = redactor.apply(payload.length() > 200 ? payload.substring(0, 200) : payload);
        throw new MalformedResponseException(200, shown, null, "stream chunk is not JSON", e);
      }
      if (chunk == null) {
        return false;
      }
      if (!chunk.id().isEmpty()) {
        id = chunk.id();
      }
      if (chunk.created() != 0L) {
        created = chunk.created();
      }
      if (!chunk.model().isEmpty()) {
        model = chunk.model();
      }
      chunk.usage().ifPresent(u -> usage = u);
      for (ChatCompletionChunk.ChunkChoice choice : chunk.choices()) {
        int index = choice.index();
        choice.delta().content().filter(s -> !s.isEmpty()).ifPresent(s -> {
          text.computeIfAbsent(index, k -> new StringBuilder()).append(s);
          if (index == 0) {
            listener.onText(s);
          }
        });
        choice.delta().refusal().ifPresent(
            s -> refusal.computeIfAbsent(index, k -> new StringBuilder()).append(s));
        choice.finishReason().ifPresent(f -> finish.put(index, f));
      }
      listener.onChunk(chunk);
      return false;
    }

    private static boolean hasErrorKey(String payload) {
      if (!payload.contains("\"error\"")) {
        return false;
      }
      try {
        Map<String, Object> map = Json.MAP.fromJson(payload);
        return map != null && map.get("error") != null && !map.containsKey("choices");
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }

    private StreamException errorEvent(String payload) {
      return ErrorMapper.streamError(payload, redactor);
    }

    ChatCompletion completion(ResponseMetadata metadata) {
      List<ChatCompletion.Choice> choices = new ArrayList<>();
      java.util.Set<Integer> indexes = new java.util.TreeSet<>(text.keySet());
      indexes.addAll(refusal.keySet());
      indexes.addAll(finish.keySet());
      for (int index : indexes) {
        StringBuilder t = text.get(index);
        StringBuilder r = refusal.get(index);
        choices.add(
            new ChatCompletion.Choice(
                index,
                new ChatCompletion.AssistantMessage(
                    Optional.of("assistant"),
                    t == null ? Optional.empty() : Optional.of(t.toString()),
                    r == null ? Optional.empty() : Optional.of(r.toString())),
                Optional.ofNullable(finish.get(index))));
      }
      return new ChatCompletion(
          id, created, model, choices, Optional.ofNullable(usage), Optional.empty(),
          Optional.empty(), metadata);
    }
  }
}
