package dev.reve.finetune.distill;

import dev.reve.finetune.training.WrittenFile;
import dev.reve.finetune.validation.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a distillation did.
 *
 * @param analyst the analyst distilled
 * @param model the model that answered
 * @param output where the set goes; it exists only when {@link #written()} is present
 * @param written the set as written, absent when the validator found errors (see {@link #report()})
 * @param report the validator's report on the set, format, tokens, train/serve skew and the school
 *     lexicon included
 * @param provenance the provenance file beside the set (model, host, date, prompt fingerprint)
 * @param journal the journal of answers beside the set
 * @param examples how many examples the set has
 * @param asked answers this run asked for: one request each, or one line of a batch it submitted
 * @param fromJournal answers taken from the journal of an earlier run, not asked again
 * @param rejected answers not written as examples: refusals, truncations, filtered or empty answers
 * @param skipped inputs not distilled: a shape the prompt builder does not make, a duplicate
 * @param shutdown the model's shutdown date and the days left, when one is known
 * @param pending with {@link DistillOptions#batch()}: what the batches are still doing, when they
 *     have not all finished (nothing is written then; run again to collect them)
 */
public record DistillResult(
    String analyst,
    String model,
    Path output,
    Optional<WrittenFile> written,
    ValidationReport report,
    Path provenance,
    Path journal,
    int examples,
    int asked,
    int fromJournal,
    List<Rejection> rejected,
    List<Rejection> skipped,
    Optional<ShutdownNotice> shutdown,
    Optional<String> pending) {

  /** Copies the lists; requires the rest. */
  public DistillResult {
    Objects.requireNonNull(analyst, "analyst");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(written, "written");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(journal, "journal");
    rejected = List.copyOf(Objects.requireNonNull(rejected, "rejected"));
    skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
    Objects.requireNonNull(shutdown, "shutdown");
    Objects.requireNonNull(pending, "pending");
  }

  /** True when the set passed the validator and was written. */
  public boolean ok() {
    return written.isPresent();
  }
}
