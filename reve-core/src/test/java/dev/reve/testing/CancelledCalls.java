package dev.reve.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * Sees OkHttp cancel a call: proof that cancelling a future reached the HTTP layer, which the
 * server side alone cannot show (MockWebServer serves the next request on another connection
 * whether or not the first was cancelled).
 */
public final class CancelledCalls extends EventListener {
  private final CountDownLatch cancelled = new CountDownLatch(1);

  /** An OkHttpClient that reports its cancelled calls here. */
  public OkHttpClient okHttpClient() {
    return new OkHttpClient.Builder().eventListener(this).build();
  }

  @Override
  public void canceled(Call call) {
    cancelled.countDown();
  }

  /** Whether a call was cancelled within {@code timeout}. */
  public boolean awaitOne(Duration timeout) throws InterruptedException {
    return cancelled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
