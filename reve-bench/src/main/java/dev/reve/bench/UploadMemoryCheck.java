package dev.reve.bench;

import dev.reve.openai.files.FileService;
import dev.reve.finetune.FineTuningService;
import dev.reve.openai.files.UploadProgressListener;
import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.spi.ApiRequest;
import dev.reve.openai.OpenAiClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * Shows that {@link FileService#upload} streams: uploads a sparse file (512 MiB by default,
 * OpenAI's limit) to a loopback server that discards the body and reports the heap the upload
 * holds. Every 32 MiB sent it forces a full GC and reads the heap still in use (a probe); the
 * highest probe minus the baseline is the upload's retained memory. Run it with a heap far
 * smaller than the file:
 *
 * <pre>
 * java -Xmx64m -cp reve-bench/target/benchmarks.jar dev.reve.bench.UploadMemoryCheck
 * </pre>
 *
 * <p>Options: {@code --mib N} file size in MiB (default 512); {@code --max-growth-mb N} the
 * retained growth above which the check fails (default 16); {@code --buffered} uploads through a
 * body that reads the whole file into memory first (a control showing the check catches
 * buffering; use a small {@code --mib}). Exit status 0 when the server got the whole file and
 * the growth stayed under the limit, 1 when bytes went missing, 2 when the heap grew too much.
 */
public final class UploadMemoryCheck {
  private static final long PROBE_EVERY = 32L * 1024 * 1024;

  private UploadMemoryCheck() {}

  /** Runs the check; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    long mib = 512;
    long maxGrowthMb = 16;
    boolean buffered = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mib" -> mib = Long.parseLong(args[++i]);
        case "--max-growth-mb" -> maxGrowthMb = Long.parseLong(args[++i]);
        case "--buffered" -> buffered = true;
        default -> {
          System.err.println("unknown option " + args[i] + "; use --mib N, --max-growth-mb N, --buffered");
          System.exit(64);
        }
      }
    }
    System.exit(run(mib, maxGrowthMb, buffered));
  }

  private static int run(long mib, long maxGrowthMb, boolean buffered) throws IOException {
    long size = mib * 1024 * 1024;
    Path dir = Files.createTempDirectory("reve-upload-check");
    Path file = SparseFile.create(dir.resolve("upload-" + mib + "mib.jsonl"), size);
    Path warmup = SparseFile.create(dir.resolve("warmup.jsonl"), 4L * 1024 * 1024);
    try (LoopbackApi api = LoopbackApi.start(); OpenAiClient client = BenchClients.of(api)) {
      FileService files = FineTuningService.of(client).files();
      files.upload(warmup); // loads classes and opens the connection before the baseline
      long receivedBefore = api.uploadedBytes();

      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long thread = Thread.currentThread().getId();
      UploadedFile uploaded;
      long nanos;
      long allocated;
      HeapWatch watch = HeapWatch.start();
      try (watch) {
        long[] nextProbe = {PROBE_EVERY};
        UploadProgressListener progress = (sent, total) -> {
          watch.sample();
          if (sent >= nextProbe[0]) {
            nextProbe[0] += PROBE_EVERY;
            watch.probe();
          }
        };
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        uploaded = buffered ? uploadBuffered(client, file, progress) : files.upload(file, progress);
        nanos = System.nanoTime() - start;
        allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
        watch.sample();
      }
      long received = api.uploadedBytes() - receivedBefore;

      double seconds = nanos / 1e9;
      long growth = Math.max(0, watch.peakProbe() - watch.baseline());
      out("JVM: %s %s, max heap %s", System.getProperty("java.vm.name"),
          System.getProperty("java.runtime.version"), mb(watch.maxHeap()));
      out("upload: %s", buffered ? "CONTROL, whole file read into memory first" : "FileService.upload");
      out("file: %,d bytes (%d MiB, sparse)", size, mib);
      out("server received: %,d bytes of request body (file + multipart framing); file object"
          + " says %,d", received, uploaded.bytes());
      out("time: %.2f s, %.0f MB/s (includes %d forced GCs)", seconds, size / 1e6 / seconds,
          watch.probes());
      out("heap baseline after full GC: %s", mb(watch.baseline()));
      out("heap after forced GC during upload (retained), max: %s (+%s over %d probes)",
          mb(watch.peakProbe()), mb(growth), watch.probes());
      out("heap in use, garbage included, max: %s (+%s); %d collections in all",
          mb(watch.peakUsed()), mb(Math.max(0, watch.peakUsed() - watch.baseline())),
          watch.collections());
      out("allocated by the uploading thread: %s (%.4f bytes per file byte)", mb(allocated),
          (double) allocated / size);
      if (received < size) {
        out("FAIL: the server received fewer bytes than the file holds");
        return 1;
      }
      if (growth > maxGrowthMb * 1_000_000) {
        out("FAIL: the upload held %s of heap, over the %d MB limit", mb(growth), maxGrowthMb);
        return 2;
      }
      out("OK: a %d MiB upload held at most %s of heap beyond the baseline", mib, mb(growth));
      return 0;
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(warmup);
      Files.deleteIfExists(dir);
    }
  }

  /** The control: the same multipart request, but the file is read into a byte array first. */
  private static UploadedFile uploadBuffered(
      OpenAiClient client, Path file, UploadProgressListener progress) throws IOException {
    byte[] content = Files.readAllBytes(file);
    RequestBody part = new RequestBody() {
      @Override
      public MediaType contentType() {
        return MediaType.get("application/jsonl");
      }

      @Override
      public long contentLength() {
        return content.length;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        for (int at = 0; at < content.length; at += 64 * 1024) {
          int n = Math.min(64 * 1024, content.length - at);
          sink.write(content, at, n);
          progress.onProgress(at + n, content.length);
        }
      }
    };
    MultipartBody body = new MultipartBody.Builder()
        .setType(MultipartBody.FORM)
        .addFormDataPart("purpose", FileService.FINE_TUNE)
        .addFormDataPart("file", file.getFileName().toString(), part)
        .build();
    return client.transport().<UploadedFile>send(ApiRequest.post("files").body(body).build(), UploadedFile.class).body();
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
