package dev.reve.finetune.distill;

import dev.reve.analysis.AnalysisOptions;
import dev.reve.analysis.AnalysisSession;
import dev.reve.analysis.DreamAnalyst;
import dev.reve.analysis.HistoryTooLongException;
import dev.reve.analysis.IncompleteAnalysisException;
import dev.reve.analysis.InvalidDreamException;
import dev.reve.analysis.ModelChoice;
import dev.reve.analysis.SessionOptions;
import dev.reve.analysis.SessionTranscript;
import dev.reve.analysis.SessionTurn;
import dev.reve.openai.chat.FinishReason;
import dev.reve.openai.chat.Usage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks the model for every answer the journal lacks, a bounded number of dreams at a time, each
 * conversation in order. The first request failure stops new requests (those in flight finish and
 * are journalled) and is rethrown; an incomplete answer only drops its dream.
 */
final class Answering {
  private final DreamAnalyst analyst;
  private final ModelChoice choice;
  private final DistillJournal journal;
  private final DistillListener listener;
  private final SessionOptions sessionOptions;
  private final AtomicInteger asked = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();

  Answering(DreamAnalyst analyst, AnalysisOptions options, ModelChoice choice, DistillJournal journal,
      DistillListener listener, Clock clock) {
    this.analyst = analyst;
    this.choice = choice;
    this.journal = journal;
    this.listener = listener;
    this.sessionOptions = SessionOptions.builder(options).clock(clock).build();
  }

  /** Requests sent so far. */
  int asked() {
    return asked.get();
  }

  /** Answers every item; returns the answers rejected, in input order. */
  List<Rejection> answerAll(List<DistillItem> items, int concurrency) {
    List<Optional<Rejection>> results = new ArrayList<>(Collections.nCopies(items.size(), Optional.empty()));
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, items.size())), task -> {
      Thread thread = new Thread(task, "reve-distill-" + analyst.id());
      thread.setDaemon(true);
      return thread;
    });
    RuntimeException failure = null;
    try {
      List<Future<Optional<Rejection>>> futures = new ArrayList<>();
      for (DistillItem item : items) {
        futures.add(pool.submit(() -> stop.get() ? Optional.<Rejection>empty() : answer(item)));
      }
      for (int i = 0; i < futures.size(); i++) {
        try {
          results.set(i, futures.get(i).get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      stop.set(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the distillation was interrupted; the journal keeps every answer so far", e);
    } finally {
      pool.shutdownNow();
    }
    if (failure != null) {
      throw failure;
    }
    return results.stream().flatMap(Optional::stream).toList();
  }

  /** One item's missing answers, in order; a rejection when one is not a whole analysis. */
  private Optional<Rejection> answer(DistillItem item) {
    List<String> have = journal.answers(item);
    if (have.size() >= item.answers()) {
      return Optional.empty();
    }
    int turn = have.size() + 1;
    try {
      AnalysisSession session = have.isEmpty()
          ? analyst.session(item.dream(), sessionOptions)
          : analyst.resume(transcript(item, have), sessionOptions);
      for (; turn <= item.answers(); turn++) {
        if (stop.get()) {
          return Optional.empty();
        }
        asked.incrementAndGet();
        SessionTurn answered = turn == 1 ? session.begin() : session.reply(item.replies().get(turn - 2));
        if (answered.fellBack()) {
          throw new DistillationRefusedException(choice.model() + " did not answer " + item.id() + " (the base model "
              + answered.model() + " did, after a fallback): the model is gone, and a set from the base model"
              + " would not carry the fine-tuned voice. Nothing from that answer was kept");
        }
        journal.record(item, turn, answered.answer());
        listener.answered(item, turn);
      }
      return Optional.empty();
    } catch (IncompleteAnalysisException e) {
      return Optional.of(rejected(new Rejection(item.id(), turn,
          "the answer " + e.analysis().problem().orElse("was incomplete") + "; not written")));
    } catch (InvalidDreamException | HistoryTooLongException e) {
      return Optional.of(rejected(new Rejection(item.id(), turn, e.getMessage() + "; not asked")));
    } catch (RuntimeException e) {
      stop.set(true);
      throw e;
    }
  }

  private Rejection rejected(Rejection rejection) {
    listener.rejected(rejection);
    return rejection;
  }

  /** The conversation so far, from the journal, to continue with the next reply. */
  private SessionTranscript transcript(DistillItem item, List<String> answers) {
    Instant at = sessionOptions.clock().instant();
    List<SessionTurn> turns = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      Optional<String> reply = i == 0 ? Optional.empty() : Optional.of(item.replies().get(i - 1));
      turns.add(new SessionTurn(i + 1, reply, answers.get(i), choice.model(), true, false, FinishReason.STOP,
          Usage.NONE, at, at, Optional.empty()));
    }
    return new SessionTranscript(analyst.id(), item.dream(), List.of(), at, turns);
  }
}
