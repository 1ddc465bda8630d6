package dev.reve.finetune.distill;

import dev.reve.analysis.Analysis;
import dev.reve.analysis.DreamAnalysts;
import dev.reve.analysis.batch.BatchAnalysis;
import dev.reve.analysis.batch.BatchPart;
import dev.reve.analysis.batch.BatchRunState;
import dev.reve.analysis.batch.DreamRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first answer of every dream the journal lacks, through the Batch API: submitted once (the
 * batch run's own state file makes a rerun resume, never submit twice), waited for, then collected
 * into the journal. Failed lines are left for the one-at-a-time pass; refused, truncated or
 * filtered answers are rejected.
 */
final class BatchFirstAnswers {
  /**
   * What the batch phase did.
   *
   * @param pending what is still running, when not every batch has finished
   * @param rejected answers that are not whole analyses
   * @param rejectedKeys the items of {@code rejected}, not to be asked again in this run
   * @param submitted lines submitted by this run
   */
  record Outcome(Optional<String> pending, List<Rejection> rejected, Set<String> rejectedKeys, int submitted) {}

  private BatchFirstAnswers() {}

  static Outcome run(DreamAnalysts analysts, String analystId, List<DistillItem> items, DistillJournal journal,
      DistillOptions options, DistillBatch batch, DistillListener listener) {
    BatchAnalysis run = BatchAnalysis.builder(analysts, options.batchDirectory())
        .analysts(List.of(analystId))
        .options(analysts.defaultOptions())
        .sleeper(batch.sleeper())
        .clock(options.clock())
        .build();
    int submitted = 0;
    if (run.state().isEmpty()) {
      List<DistillItem> missing = items.stream().filter(i -> journal.answers(i).isEmpty()).toList();
      if (missing.isEmpty()) {
        return new Outcome(Optional.empty(), List.of(), Set.of(), 0);
      }
      run.submit(missing.stream().map(i -> new DreamRecord(i.key(), i.dream())).iterator());
      submitted = missing.size();
    } else {
      // sends any batch a crash left uncreated; the lines themselves were written the first time
      run.submit(Collections.emptyIterator());
    }
    BatchRunState state = run.waitFor(batch.interval(), batch.timeout());
    if (!state.allFinished()) {
      long finished = state.parts().stream().filter(BatchPart::finished).count();
      return new Outcome(Optional.of(finished + " of " + state.parts().size() + " batches finished ("
          + state.requests() + " first answers in " + options.batchDirectory().getFileName()
          + "); run again to wait longer and collect them"), List.of(), Set.of(), submitted);
    }
    Map<String, DistillItem> byKey = new HashMap<>();
    items.forEach(i -> byKey.put(i.key(), i));
    List<Rejection> rejected = new ArrayList<>();
    Set<String> rejectedKeys = new HashSet<>();
    Map<DistillItem, String> answers = new LinkedHashMap<>();
    run.collect(result -> {
      DistillItem item = byKey.get(result.dreamId());
      if (item == null || !journal.answers(item).isEmpty() || answers.containsKey(item)
          || result.analysis().isEmpty()) {
        return;
      }
      Analysis analysis = result.analysis().get();
      if (analysis.isComplete()) {
        answers.put(item, analysis.text().strip());
      } else if (rejectedKeys.add(item.key())) {
        Rejection rejection = new Rejection(item.id(), 1, "the batch answer "
            + analysis.problem().orElse("was incomplete") + "; not written");
        rejected.add(rejection);
        listener.rejected(rejection);
      }
    });
    journal.recordFirst(answers);
    answers.keySet().forEach(item -> listener.answered(item, 1));
    return new Outcome(Optional.empty(), List.copyOf(rejected), Set.copyOf(rejectedKeys), submitted);
  }
}
