package dev.reve.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A job's mutable state inside the emulator; guarded by the emulator's lock. */
final class JobRecord {
  final String id;
  final int number;
  final String model;
  final String trainingFile;
  final String validationFile;
  final String suffix;
  final Map<String, String> metadata;
  final Map<String, Object> method;
  final long seed;
  final long createdAt;
  final String requestBody;
  final List<StoredEvent> events = new ArrayList<>();
  final List<JobCheckpoint> checkpoints = new ArrayList<>();
  final Deque<Runnable> onRetrieve = new ArrayDeque<>();
  String status = "validating_files";
  String fineTunedModel;
  StoredJob.Failure error;
  Long finishedAt;
  Long trainedTokens;
  int retrieves;
  /** Training steps reported so far (metrics events). */
  int metricsDone;
  /** When a paced job takes its next step, epoch milliseconds of the pace's clock; 0 when unpaced. */
  long nextStepAt;

  JobRecord(
      String id,
      int number,
      String model,
      String trainingFile,
      String validationFile,
      String suffix,
      Map<String, String> metadata,
      Map<String, Object> method,
      long seed,
      long createdAt,
      String requestBody) {
    this.id = id;
    this.number = number;
    this.model = model;
    this.trainingFile = trainingFile;
    this.validationFile = validationFile;
    this.suffix = suffix;
    this.metadata = new LinkedHashMap<>(metadata);
    this.method = method;
    this.seed = seed;
    this.createdAt = createdAt;
    this.requestBody = requestBody;
  }

  boolean terminal() {
    return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
  }

  StoredJob snapshot() {
    return new StoredJob(id, model, trainingFile, Optional.ofNullable(validationFile), Optional.ofNullable(suffix),
        metadata, method, seed, status, Optional.ofNullable(fineTunedModel), Optional.ofNullable(error), createdAt,
        Optional.ofNullable(finishedAt), requestBody);
  }
}
