package dev.reve.bench;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.analysis.Dream;
import dev.reve.analysis.PromptBuilder;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.openai.chat.ChatCompletionChunk;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.chat.ChatStreamListener;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Client overhead on loopback: a chat completion round trip (the Jung system prompt and a dream
 * out, a 3 KB completion parsed back) and a streamed 400-word answer in 300 chunks. Both include
 * the in-process MockWebServer's own work, so they are upper bounds on the client's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ChatBenchmark {
  private LoopbackApi api;
  private OpenAiClient client;
  private ChatRequest request;

  /** Starts the server and the client and builds the request. */
  @Setup(Level.Trial)
  public void setUp() {
    api = LoopbackApi.start();
    client = BenchClients.of(api);
    Dream dream = Dream.builder(
            "I was in my grandmother's house, but it had a cellar I had never seen. I went down a"
                + " stone staircase and found a room of old bones and broken pottery.")
        .title("The cellar")
        .context("42, architect, just moved house")
        .build();
    request = ChatRequest.builder()
        .model("gpt-4o-mini-2024-07-18")
        .messages(PromptBuilder.messages(BuiltInAnalysts.JUNG, dream))
        .maxCompletionTokens(1_200)
        .build();
  }

  /** Closes the client and the server. */
  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    api.close();
  }

  /** Stream events handled, reported per second. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Events {
    /** Chunks parsed and handed to the listener. */
    public long events;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      events = 0;
    }
  }

  /** One blocking completion: serialise, send, receive, parse. */
  @Benchmark
  public ChatCompletion roundTrip() {
    return client.chat().create(request);
  }

  /** One streamed completion: 303 chunks parsed, 300 deltas delivered, then assembled. */
  @Benchmark
  public ChatCompletion stream(Events events, Blackhole hole) {
    ChatCompletion done =
        client.chat().stream(request, new ChatStreamListener() {
          @Override
          public void onText(String delta) {
            hole.consume(delta);
          }

          @Override
          public void onChunk(ChatCompletionChunk chunk) {
            events.events++;
          }
        });
    return done;
  }
}
