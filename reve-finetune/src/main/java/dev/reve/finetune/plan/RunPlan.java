package dev.reve.finetune.plan;

import dev.reve.finetune.run.AnalystDataset;
import java.util.List;
import java.util.Optional;

/**
 * What a fine-tuning run would upload and train, checked before anything is sent: made by
 * {@link RunPlanner#plan}, started with {@code FineTuneRun.start(plan.datasets())}.
 *
 * @param analysts one entry per analyst, in the order given
 */
public record RunPlan(List<PlannedAnalyst> analysts) {
  /** Copies the list. */
  public RunPlan {
    analysts = List.copyOf(analysts);
  }

  /** Whether every analyst's files are free of errors, so the run may start. */
  public boolean ready() {
    return analysts.stream().allMatch(PlannedAnalyst::ready);
  }

  /** The datasets of the analysts that are ready. */
  public List<AnalystDataset> datasets() {
    return analysts.stream().flatMap(a -> a.dataset().stream()).toList();
  }

  /**
   * The estimated training cost of the run: the files trained on (the training parts of a split),
   * unknown when a model has no price.
   */
  public CostTotal totalCost() {
    return CostTotal.of(analysts.stream().map(PlannedAnalyst::trainedReport).toList());
  }

  /** The entry of one analyst. */
  public Optional<PlannedAnalyst> analyst(String id) {
    return analysts.stream().filter(a -> a.analyst().equals(id)).findFirst();
  }
}
