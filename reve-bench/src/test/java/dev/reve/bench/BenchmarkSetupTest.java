package dev.reve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.chat.ChatCompletion;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** Runs each benchmark's setup and one operation, small, to show the benchmarks measure real work. */
class BenchmarkSetupTest {
  private static final Blackhole HOLE = new Blackhole(
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  @Test
  void validationBenchmarkCountsTheSameTokensBothWays() throws Exception {
    ValidationBenchmark bench = new ValidationBenchmark();
    bench.megabytes = 1;
    bench.setUp(); // throws when the generated file does not validate
    try {
      ValidationBenchmark.Work linted = new ValidationBenchmark.Work();
      ValidationBenchmark.Work validated = new ValidationBenchmark.Work();
      ValidationBenchmark.Work counted = new ValidationBenchmark.Work();

      bench.validateForAnalyst(linted);
      bench.validateFormatAndTokens(validated);
      bench.countTokensOnly(counted);

      assertThat(validated.megabytes).isGreaterThanOrEqualTo(1.0);
      assertThat(validated.tokens).isPositive().isEqualTo(counted.tokens).isEqualTo(linted.tokens);
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void uploadBenchmarkSendsTheWholeFileToTheSink() throws Exception {
    UploadBenchmark bench = new UploadBenchmark();
    bench.mebibytes = 3;
    bench.setUp();
    try {
      UploadBenchmark.Sent sent = new UploadBenchmark.Sent();

      UploadedFile uploaded = bench.upload(sent);

      long size = 3L * 1024 * 1024;
      assertThat(uploaded.bytes()).isBetween(size, size + 1024);
      assertThat(sent.megabytes).isEqualTo(size / 1e6);
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void chatBenchmarkParsesThe3KbCompletionAndTheWholeStream() {
    ChatBenchmark bench = new ChatBenchmark();
    bench.setUp();
    try (LoopbackApi reference = LoopbackApi.start()) {
      Payloads payloads = reference.payloads();
      ChatBenchmark.Events events = new ChatBenchmark.Events();

      ChatCompletion reply = bench.roundTrip();
      ChatCompletion streamed = bench.stream(events, HOLE);

      assertThat(payloads.chatBody().length()).isBetween(2_500, Payloads.CHAT_BODY_BYTES);
      assertThat(reply.text()).contains(payloads.chatAnswer());
      assertThat(streamed.text()).contains(payloads.streamAnswer());
      assertThat(payloads.streamAnswer().split(" ")).hasSize(Payloads.STREAM_WORDS);
      assertThat(streamed.usage()).isPresent();
      assertThat(events.events).isEqualTo(Payloads.STREAM_EVENTS);
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void promptBenchmarkRendersATrainingLineWithTheDreamAndTheAnswer() {
    PromptBenchmark bench = new PromptBenchmark();
    bench.setUp();

    String line = bench.trainingLine();

    assertThat(bench.promptMessages()).hasSize(2);
    assertThat(line).startsWith("{\"messages\":[{\"role\":\"system\"")
        .contains("Title: The cellar", "\"role\":\"assistant\"")
        .isEqualTo(bench.toJsonLine());
  }

  @Test
  void theThreeClientsGetTheSameAnswerAndStreamFromTheServerProcess() {
    Payloads payloads = Payloads.fromJungAnswers();
    try (RemoteBenchServer server = RemoteBenchServer.start()) {
      for (String client : new String[] {"floor", "reve", "openai-java"}) {
        try (BenchChat chat = BenchChat.of(client, server.baseUrl())) {
          assertThat(chat.complete()).as(client).isEqualTo(payloads.chatAnswer());
          int[] deltas = new int[1];
          assertThat(chat.stream(d -> deltas[0]++)).as(client).isEqualTo(payloads.streamAnswer());
          assertThat(deltas[0]).as(client).isEqualTo(Payloads.STREAM_CONTENT_CHUNKS);
        }
        long[] latencies = StreamLatencyCheck.measure(client, server.liveBaseUrl(), 0, 2);
        assertThat(latencies).as(client).hasSize(2 * BenchServer.LIVE_EVENTS);
        assertThat(java.util.Arrays.stream(latencies).min().orElseThrow()).as(client).isPositive();
      }
    }
  }

  @Test
  void fanOutReachesBothAnalystsThroughTheSlowRoute() {
    FanOutBenchmark bench = new FanOutBenchmark();
    bench.setUp();
    try {
      assertThat(bench.twoAnalysts().allSucceeded()).isTrue();
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void sessionBenchmarkHoldsThreeTurnsAgainstTheServerProcess() {
    SessionBenchmark bench = new SessionBenchmark();
    bench.setUp();
    try {
      assertThat(bench.singleAnalysis().text()).isNotBlank();
      assertThat(bench.sessionTurn().number()).isEqualTo(SessionBenchmark.TURNS);
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void batchBuildBenchmarkWritesALinePerDreamAndAnalyst() throws Exception {
    BatchBuildBenchmark bench = new BatchBuildBenchmark();
    bench.setUp();
    try {
      var estimate = bench.buildLines();
      assertThat(estimate.requests()).isEqualTo(BatchBuildBenchmark.LINES);
      assertThat(estimate.promptTokens()).isGreaterThan(100L * BatchBuildBenchmark.LINES);
    } finally {
      bench.tearDown();
    }
  }
}
