package dev.reve.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The batches of an {@link OpenAiEmulator}, from {@link OpenAiEmulator#batches()}, and their
 * lifecycle: {@code validating -> in_progress -> finalizing -> completed}. Each request line is
 * answered by the emulator's chat completions (the same responders and queued replies), so a
 * batch line gets what the same request sent alone would. By default every retrieval moves a batch
 * one step ({@link OpenAiEmulatorBuilder#advanceBatchesOnRetrieve}); tests can drive it instead
 * with {@link #advance}, {@link #complete}, {@link #expire} and {@link #failLines}. Thread-safe.
 */
public final class EmulatedBatches {
  private final EmulatorState state;
  private final EmulatedFiles files;
  private final BatchLineRunner runner;
  private final boolean advanceOnRetrieve;
  private final Map<String, BatchRecord> batches = new LinkedHashMap<>();
  private final List<LineFault> lineFaults = new ArrayList<>();
  private int linesPerStep = Integer.MAX_VALUE;

  private record LineFault(Predicate<String> customIds, int status, String message) {}

  EmulatedBatches(EmulatorState state, EmulatedFiles files, BatchLineRunner runner, boolean advanceOnRetrieve) {
    this.state = state;
    this.files = files;
    this.runner = runner;
    this.advanceOnRetrieve = advanceOnRetrieve;
  }

  /** The batches, oldest first. */
  public List<StoredBatch> all() {
    synchronized (state.lock) {
      return batches.values().stream().map(BatchRecord::view).toList();
    }
  }

  /** The batch with this id. */
  public Optional<StoredBatch> find(String id) {
    synchronized (state.lock) {
      return Optional.ofNullable(batches.get(id)).map(BatchRecord::view);
    }
  }

  /**
   * Answers the lines whose custom id matches with this HTTP status and an OpenAI error body
   * instead of a completion; they land in the error file.
   */
  public EmulatedBatches failLines(Predicate<String> customIds, int status, String message) {
    synchronized (state.lock) {
      lineFaults.add(new LineFault(Objects.requireNonNull(customIds, "customIds"), status,
          Objects.requireNonNull(message, "message")));
    }
    return this;
  }

  /** Removes every line fault. */
  public EmulatedBatches clearLineFaults() {
    synchronized (state.lock) {
      lineFaults.clear();
    }
    return this;
  }

  /** How many lines one step of an {@code in_progress} batch runs; default all of them. */
  public EmulatedBatches linesPerStep(int lines) {
    if (lines < 1) {
      throw new IllegalArgumentException("lines must be 1 or more, got " + lines);
    }
    synchronized (state.lock) {
      linesPerStep = lines;
    }
    return this;
  }

  /** Moves the batch one step on; a finished batch stays as it is. Returns the new view. */
  public StoredBatch advance(String id) {
    BatchRecord b = record(id);
    synchronized (b) {
      String status;
      synchronized (state.lock) {
        status = b.status;
      }
      switch (status) {
        case "validating" -> set(b, "in_progress");
        case "in_progress" -> {
          run(b, linesPerStep());
          synchronized (state.lock) {
            if (b.done == b.lines.size()) {
              b.status = "finalizing";
              b.stamps.put("finalizing_at", state.stamp());
            }
          }
        }
        case "finalizing" -> finish(b, "completed");
        case "cancelling" -> finish(b, "cancelled");
        default -> { }
      }
    }
    return record(id).view();
  }

  /** Runs every step to {@code completed} (or the end the batch is headed for). */
  public StoredBatch complete(String id) {
    for (int i = 0; i < 4 + record(id).lines.size(); i++) {
      if (advance(id).status().equals("completed") || record(id).terminal()) {
        break;
      }
    }
    return record(id).view();
  }

  /**
   * Ends the batch as {@code expired} once {@code linesRun} lines (from the first) have run: their
   * answers are in the output file, and every other line is in the error file with code {@code
   * batch_expired}.
   */
  public StoredBatch expire(String id, int linesRun) {
    BatchRecord b = record(id);
    synchronized (b) {
      synchronized (state.lock) {
        if (b.status.equals("validating")) {
          b.status = "in_progress";
          b.stamps.put("in_progress_at", state.stamp());
        }
      }
      run(b, Math.max(0, linesRun - b.done));
      synchronized (state.lock) {
        for (int i = b.done; i < b.lines.size(); i++) {
          b.failed.add(BatchLineRunner.errorLine(state.nextId("batch_req_emu", "batch_req"),
              String.valueOf(b.lines.get(i).get("custom_id")), "batch_expired",
              "This request could not be executed before the completion window expired."));
        }
        b.done = b.lines.size();
      }
      finish(b, "expired");
    }
    return record(id).view();
  }

  StoredBatch create(String endpoint, String inputFileId, String window, Map<String, String> metadata) {
    StoredFile input = files.find(inputFileId)
        .orElseThrow(() -> new Refusal(404, "No such File object: " + inputFileId, "input_file_id", null));
    if (!input.purpose().equals("batch")) {
      throw Refusal.badRequest("The input file must be uploaded with purpose 'batch', not '" + input.purpose()
          + "'.", "input_file_id");
    }
    List<Map<String, Object>> lines = new ArrayList<>();
    List<Map<String, Object>> problems = BatchLineRunner.validate(input.text(), endpoint, lines);
    synchronized (state.lock) {
      BatchRecord b = new BatchRecord(state.nextId("batch_emu", "batch"), endpoint, inputFileId, window, metadata,
          state.stamp(), problems.isEmpty() ? lines : List.of());
      if (!problems.isEmpty()) {
        b.errors.addAll(problems);
        b.status = "failed";
        b.stamps.put("failed_at", state.stamp());
      }
      batches.put(b.id, b);
      return b.view();
    }
  }

  Map<String, Object> wire(String id) {
    BatchRecord b = record(id);
    synchronized (state.lock) {
      return WireShapes.batch(b);
    }
  }

  List<Map<String, Object>> wireAll() {
    synchronized (state.lock) {
      List<Map<String, Object>> all = new ArrayList<>();
      batches.values().forEach(b -> all.add(WireShapes.batch(b)));
      java.util.Collections.reverse(all);
      return all;
    }
  }

  /** A retrieval: moves the batch on when the emulator advances batches on retrieval. */
  void retrieved(String id) {
    if (advanceOnRetrieve) {
      advance(id);
    }
  }

  void cancel(String id) {
    BatchRecord b = record(id);
    synchronized (state.lock) {
      if (b.terminal()) {
        throw Refusal.badRequest("Cannot cancel a batch with status '" + b.status + "'.", null);
      }
      if (!b.status.equals("cancelling")) {
        b.status = "cancelling";
        b.stamps.put("cancelling_at", state.stamp());
      }
    }
  }

  private BatchRecord record(String id) {
    synchronized (state.lock) {
      BatchRecord b = batches.get(id);
      if (b == null) {
        throw new Refusal(404, "No batch found with id '" + id + "'.", "batch_id", null);
      }
      return b;
    }
  }

  private int linesPerStep() {
    synchronized (state.lock) {
      return linesPerStep;
    }
  }

  private void set(BatchRecord b, String status) {
    synchronized (state.lock) {
      b.status = status;
      b.stamps.put(status + "_at", state.stamp());
    }
  }

  /** Runs up to {@code count} more lines, outside the emulator's lock (the chat responders run). */
  private void run(BatchRecord b, int count) {
    int from;
    int to;
    List<LineFault> faults;
    synchronized (state.lock) {
      from = b.done;
      to = (int) Math.min(b.lines.size(), (long) from + count);
      faults = List.copyOf(lineFaults);
    }
    for (int i = from; i < to; i++) {
      Map<String, Object> line = b.lines.get(i);
      String customId = String.valueOf(line.get("custom_id"));
      Optional<LineFault> fault = faults.stream().filter(f -> f.customIds().test(customId)).findFirst();
      BatchLineRunner.Answer answer = fault.isPresent()
          ? runner.error(customId, fault.get().status(), fault.get().message())
          : runner.run(line);
      synchronized (state.lock) {
        (answer.ok() ? b.output : b.failed).add(answer.json());
        b.done = i + 1;
      }
    }
  }

  private void finish(BatchRecord b, String status) {
    synchronized (state.lock) {
      if (!b.output.isEmpty()) {
        b.outputFileId = files.store("batch_" + b.id + "_output.jsonl", "batch_output", bytes(b.output)).id();
      }
      if (!b.failed.isEmpty()) {
        b.errorFileId = files.store("batch_" + b.id + "_error.jsonl", "batch_output", bytes(b.failed)).id();
      }
      b.status = status;
      b.stamps.put(status + "_at", state.stamp());
    }
  }

  private static okio.ByteString bytes(List<String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    return okio.ByteString.encodeString(text.toString(), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "EmulatedBatches" + all().stream().map(b -> b.id() + ":" + b.status()).toList();
  }
}
