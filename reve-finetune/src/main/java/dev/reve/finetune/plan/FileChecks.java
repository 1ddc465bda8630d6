package dev.reve.finetune.plan;

import dev.reve.finetune.validation.ValidationReport;
import java.util.List;

/**
 * Several training files validated together, as {@code reve finetune validate} does.
 *
 * @param files each file's result, in the order given
 */
public record FileChecks(List<CheckedFile> files) {
  /** Copies the list. */
  public FileChecks {
    files = List.copyOf(files);
  }

  /** Whether any file has errors. */
  public boolean hasErrors() {
    return files.stream().anyMatch(f -> f.report().hasErrors());
  }

  /** The cost of training on every file, unknown when a model has no price. */
  public CostTotal totalCost() {
    return CostTotal.of(files.stream().map(CheckedFile::report).toList());
  }

  /** The reports alone. */
  public List<ValidationReport> reports() {
    return files.stream().map(CheckedFile::report).toList();
  }
}
