package dev.reve.analysis.batch;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.AnalystRequests;
import dev.reve.openai.OpenAiClient;
import dev.reve.openai.batches.BatchInputLine;
import dev.reve.openai.batches.BatchOutputLine;
import dev.reve.openai.batches.MalformedBatchLineException;
import dev.reve.openai.chat.ChatCompletion;
import dev.reve.storage.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Brings a finished part's answers back: downloads its output and error files once (streamed to
 * disk), reads them line by line into {@link BatchResult}s, reports lines the batch never ran
 * (expired, cancelled, failed), and writes the lines to send again into a retry file. Holds only
 * the custom ids of one part (at most 50,000).
 */
final class PartCollector {
  private final Path workDir;
  private final Function<String, AnalystRequests> analysts;

  PartCollector(Path workDir, Function<String, AnalystRequests> analysts) {
    this.workDir = workDir;
    this.analysts = analysts;
  }

  /**
   * Collects every finished part of the run and records in the journal how many of its lines are
   * still without an answer.
   */
  void collectFinished(Journal journal, Function<BatchPart, OpenAiClient> clients, Consumer<BatchResult> sink) {
    for (BatchPart part : journal.state().parts()) {
      if (part.finished()) {
        long retry = collect(part, clients.apply(part), sink);
        if (part.retryLines().orElse(-1L) != retry) {
          journal.put(part.withRetryLines(retry));
        }
      }
    }
  }

  /** Collects {@code part}; returns the number of lines to resubmit. */
  long collect(BatchPart part, OpenAiClient client, Consumer<BatchResult> sink) {
    boolean retried = part.resubmittedAs().isPresent();
    Set<String> answered = new HashSet<>();
    Set<String> succeeded = new HashSet<>();
    Consumer<BatchResult> emit = r -> {
      if (!retried || r.succeeded()) {
        sink.accept(r);
      }
    };
    for (Optional<String> fileId : new Optional[] {part.outputFileId(), part.errorFileId()}) {
      if (fileId.isPresent()) {
        Path local = download(client, fileId.get(), part.id() + "-" + fileId.get() + ".jsonl");
        try {
          readAnswers(part, local, answered, succeeded, emit);
        } catch (MalformedBatchLineException e) {
          // A download damaged on the way must not stay cached: the next collect fetches it again.
          deleteQuietly(local);
          throw e;
        }
      }
    }
    String ended = "the batch ended " + part.state().wire() + " before this line ran";
    Path retry = workDir.resolve(PartPlanner.PARTS_DIR).resolve(part.id() + "-retry.jsonl");
    long retryLines = 0;
    try (BufferedReader in = Files.newBufferedReader(workDir.resolve(part.inputFile()), StandardCharsets.UTF_8);
        AtomicFiles.Replacement out = retried ? null : AtomicFiles.begin(retry)) {
      long number = 0;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        number++;
        String customId = BatchInputLine.parse(text, number).customId();
        if (!succeeded.contains(customId)) {
          retryLines++;
          if (out != null) {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!answered.contains(customId)) {
          emit.accept(failure(part, customId, ended));
        }
      }
      if (out != null) {
        out.commit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + part.inputFile() + ": " + e.getMessage(), e);
    }
    return retryLines;
  }

  private void readAnswers(
      BatchPart part, Path file, Set<String> answered, Set<String> succeeded, Consumer<BatchResult> emit) {
    try (BoundedLines in = new BoundedLines(Files.newBufferedReader(file, StandardCharsets.UTF_8),
        BoundedLines.MAX_CHARS)) {
      for (String text = in.next(); text != null; text = in.next()) {
        long number = in.number();
        if (text.isBlank()) {
          continue;
        }
        BatchOutputLine line = BatchOutputLine.parse(text, number);
        if (!answered.add(line.customId())) {
          continue;
        }
        Optional<ChatCompletion> completion;
        try {
          completion = line.chatCompletion();
        } catch (MalformedBatchLineException e) {
          emit.accept(failure(part, line.customId(), e.getMessage()));
          continue;
        }
        if (completion.isPresent()) {
          succeeded.add(line.customId());
          emit.accept(success(part, line, completion.get()));
        } else {
          emit.accept(failure(part, line.customId(), line.failure().orElse("no answer")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private BatchResult success(BatchPart part, BatchOutputLine line, ChatCompletion completion) {
    String analyst = CustomIds.analyst(line.customId());
    AnalystRequests requests = analysts.apply(analyst);
    Analysis analysis = Analysis.of(
        analyst, completion, completion.model().isBlank() ? part.model() : completion.model(),
        requests.choice().configured(), requests.choice().source(), false,
        line.response().flatMap(BatchOutputLine.Response::requestId), Duration.ZERO);
    return new BatchResult(CustomIds.dream(line.customId()), analyst, part.id(), Optional.of(analysis),
        Optional.empty(), false);
  }

  private static BatchResult failure(BatchPart part, String customId, String why) {
    return new BatchResult(CustomIds.dream(customId), CustomIds.analyst(customId), part.id(), Optional.empty(),
        Optional.of(why), true);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the next collect reports the same damage
    }
  }

  private Path download(OpenAiClient client, String fileId, String name) {
    Path local = workDir.resolve(PartPlanner.PARTS_DIR).resolve(name);
    if (!Files.exists(local)) {
      client.files().download(fileId, local);
    }
    return local;
  }

}
