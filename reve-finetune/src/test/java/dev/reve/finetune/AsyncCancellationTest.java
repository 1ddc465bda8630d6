package dev.reve.finetune;

import dev.reve.openai.files.UploadProgressListener;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.testing.CancelledCalls;
import dev.reve.testing.MockOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling a fine-tuning future reaches its HTTP call. */
class AsyncCancellationTest {
  @RegisterExtension final MockOpenAi api = new MockOpenAi();
  @TempDir Path dir;

  private void cancelWhileTheServerStalls(Function<FineTuningService, CompletableFuture<?>> start)
      throws Exception {
    CancelledCalls cancelled = new CancelledCalls();
    FineTuningService service =
        FineTuningService.of(api.client(b -> b.okHttpClient(cancelled.okHttpClient())));
    api.enqueue(new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body("{}").build());

    CompletableFuture<?> future = start.apply(service);
    RecordedRequest seen = api.server().takeRequest(10, TimeUnit.SECONDS);
    assertThat(seen).isNotNull();
    future.cancel(true);

    assertThat(future).isCancelled();
    assertThat(cancelled.awaitOne(Duration.ofSeconds(10))).as("the HTTP call was cancelled").isTrue();
  }

  @Test
  void retrieveAsync() throws Exception {
    cancelWhileTheServerStalls(s -> s.jobs().retrieveAsync("ftjob-1"));
  }

  @Test
  void createAsync() throws Exception {
    cancelWhileTheServerStalls(
        s -> s.jobs().createAsync(CreateJobRequest.builder("gpt-4o-mini-2024-07-18", "file-1").build()));
  }

  @Test
  void uploadAsync() throws Exception {
    Path file = Files.writeString(dir.resolve("jung.jsonl"), "{\"messages\":[]}\n");
    cancelWhileTheServerStalls(s -> s.files().uploadAsync(file, UploadProgressListener.NONE));
  }

  @Test
  void waitForAsync() throws Exception {
    cancelWhileTheServerStalls(s -> s.jobs().waitForAsync("ftjob-1", WaitOptions.DEFAULT, JobListener.NONE));
  }
}
