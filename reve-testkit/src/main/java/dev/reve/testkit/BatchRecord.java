package dev.reve.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One batch as the emulator holds it; guarded by the emulator's lock. */
final class BatchRecord {
  final String id;
  final String endpoint;
  final String inputFileId;
  final String completionWindow;
  final Map<String, String> metadata;
  final long createdAt;
  final List<Map<String, Object>> lines;
  final List<Map<String, Object>> errors = new ArrayList<>();
  final List<String> output = new ArrayList<>();
  final List<String> failed = new ArrayList<>();
  final Map<String, Long> stamps = new LinkedHashMap<>();
  String status = "validating";
  int done;
  String outputFileId;
  String errorFileId;

  BatchRecord(String id, String endpoint, String inputFileId, String completionWindow, Map<String, String> metadata,
      long createdAt, List<Map<String, Object>> lines) {
    this.id = id;
    this.endpoint = endpoint;
    this.inputFileId = inputFileId;
    this.completionWindow = completionWindow;
    this.metadata = Map.copyOf(metadata);
    this.createdAt = createdAt;
    this.lines = lines;
  }

  boolean terminal() {
    return switch (status) {
      case "failed", "completed", "expired", "cancelled" -> true;
      default -> false;
    };
  }

  StoredBatch view() {
    return new StoredBatch(id, status, inputFileId, metadata, lines.size(), output.size(), failed.size(),
        java.util.Optional.ofNullable(outputFileId), java.util.Optional.ofNullable(errorFileId));
  }
}
