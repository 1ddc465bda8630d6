package dev.reve.analysis.batch;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.batches.Batch;
import dev.reve.openai.batches.BatchService;
import dev.reve.openai.batches.CreateBatchRequest;
import dev.reve.openai.call.RetryPolicy;
import dev.reve.openai.call.Sleeper;
import dev.reve.openai.files.FileListQuery;
import dev.reve.openai.files.FileService;
import dev.reve.openai.files.UploadProgressListener;
import dev.reve.openai.files.UploadedFile;
import dev.reve.openai.spi.RetryDecision;
import dev.reve.openai.spi.SendOnce;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Uploads a part's input file and creates its batch, each exactly once: before sending, and after
 * a failure that may have reached the server, it looks for the result (the file by its name, which
 * carries the data's hash, and size; the batch by its metadata) so that a retry or a second run
 * after a crash never makes a second file or a second, billed batch.
 */
final class PartSender {
  /** Batch metadata key: the run's id. */
  static final String RUN_KEY = "reve_run";
  /** Batch metadata key: the part's id. */
  static final String PART_KEY = "reve_part";
  /** Batch metadata key: the input file's SHA-256. */
  static final String SHA256_KEY = "reve_sha256";

  private final SendOnce once;
  private final BatchListener listener;
  private final Path workDir;

  PartSender(Sleeper sleeper, BatchListener listener, Path workDir) {
    this.once = new SendOnce(new RetryDecision(RetryPolicy.DEFAULT), sleeper);
    this.listener = listener;
    this.workDir = workDir;
  }

  BatchPart send(Journal journal, BatchPart part, OpenAiClient client) {
    String runId = journal.state().runId();
    Map<String, String> metadata = Map.of(RUN_KEY, runId, PART_KEY, part.id(), SHA256_KEY, part.sha256());
    if (part.batchId().isEmpty()) {
      Optional<Batch> existing = client.batches().findByMetadata(metadata);
      if (existing.isPresent()) {
        listener.onStep(part.id(), "found batch " + existing.get().id() + " already created");
        return journal.put(part.with(existing.get()));
      }
    }
    if (part.fileId().isEmpty()) {
      part = journal.put(part.uploaded(upload(client.files(), part, runId)));
    }
    if (part.batchId().isEmpty()) {
      String fileId = part.fileId().orElseThrow();
      CreateBatchRequest request = CreateBatchRequest.builder(fileId)
          .endpoint(BatchService.CHAT_COMPLETIONS)
          .metadata(metadata)
          .build();
      String id = part.id();
      Batch batch = once.send(
          () -> client.batches().findByMetadata(metadata),
          options -> client.batches().create(request, options),
          (failure, wait) -> listener.onStep(id, "creating the batch failed (" + failure.getMessage()
              + "); checking whether it reached the server before sending again"));
      listener.onStep(part.id(), "created batch " + batch.id() + " (" + part.lines() + " requests, " + part.model() + ")");
      part = journal.put(part.with(batch));
    }
    return part;
  }

  private String upload(FileService files, BatchPart part, String runId) {
    String name = "reve-batch-" + runId.substring(0, Math.min(8, runId.length())) + "-" + part.id() + "-"
        + part.sha256().substring(0, 16) + ".jsonl";
    Optional<UploadedFile> existing = files.findUploaded(name, part.bytes(), FileListQuery.BATCH);
    if (existing.isPresent()) {
      listener.onStep(part.id(), "found " + name + " already uploaded as " + existing.get().id());
      return existing.get().id();
    }
    listener.onStep(part.id(), "uploading " + name + " (" + part.bytes() + " bytes)");
    Path file = workDir.resolve(part.inputFile());
    UploadedFile uploaded = once.send(
        () -> files.findUploaded(name, part.bytes(), FileListQuery.BATCH),
        options -> files.upload(file, name, FileService.BATCH, UploadProgressListener.NONE, options),
        (failure, wait) -> listener.onStep(part.id(), "upload failed (" + failure.getMessage()
            + "); checking whether it reached the server before sending again"));
    return uploaded.id();
  }
}
