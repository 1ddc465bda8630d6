package dev.reve.bench;

import dev.reve.openai.files.FileService;
import dev.reve.finetune.FineTuningService;
import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.OpenAiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Upload throughput on loopback: {@link FileService#upload} of a sparse file to {@link
 * LoopbackApi}, which reads and discards the body. The {@code megabytes} counter is MB/s of file
 * sent. Memory is checked by {@link UploadMemoryCheck}, not here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class UploadBenchmark {
  /** Size of the uploaded file in MiB; 512 is OpenAI's limit. */
  @Param("512")
  public int mebibytes;

  private Path dir;
  private Path file;
  private long size;
  private LoopbackApi api;
  private OpenAiClient client;
  private FileService files;

  /** Creates the sparse file, starts the server and the client. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("reve-bench-upload");
    size = mebibytes * 1024L * 1024L;
    file = SparseFile.create(dir.resolve("large.jsonl"), size);
    api = LoopbackApi.start();
    client = BenchClients.of(api);
    files = FineTuningService.of(client).files();
  }

  /** Stops everything and deletes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    client.close();
    api.close();
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  /** MB of file sent, reported per second. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Sent {
    /** MB (10^6 bytes) of the file uploaded. */
    public double megabytes;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      megabytes = 0;
    }
  }

  /** One upload of the whole file. */
  @Benchmark
  public UploadedFile upload(Sent sent) {
    UploadedFile uploaded = files.upload(file);
    if (uploaded.bytes() < size) {
      throw new IllegalStateException("the server received " + uploaded.bytes() + " bytes of " + size);
    }
    sent.megabytes += size / 1e6;
    return uploaded;
  }
}
