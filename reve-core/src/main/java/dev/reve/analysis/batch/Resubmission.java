package dev.reve.analysis.batch;

import dev.reve.storage.Sha256;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A new part for the lines of a finished part that have no answer: its retry file (written by
 * {@link PartCollector}) becomes the input of part {@code <root>r<n>}, and the old part records
 * that it was resubmitted, both in the state file before anything is sent.
 */
final class Resubmission {
  private Resubmission() {}

  /**
   * A new part for each finished part with lines still unanswered and not yet sent again.
   *
   * @return the new parts, in order
   */
  static java.util.List<BatchPart> ofUnanswered(Journal journal, Path workDir, BatchListener listener) {
    java.util.List<BatchPart> created = new java.util.ArrayList<>();
    for (BatchPart part : journal.state().parts()) {
      if (part.finished() && part.retryLines().orElse(0L) > 0 && part.resubmittedAs().isEmpty()) {
        created.add(of(journal, part, workDir, listener));
      }
    }
    return created;
  }

  static BatchPart of(Journal journal, BatchPart part, Path workDir, BatchListener listener) {
    String root = part.retryOf().isPresent() ? part.id().replaceFirst("r\\d+$", "") : part.id();
    int n = 1;
    while (journal.state().part(root + "r" + n).isPresent()) {
      n++;
    }
    String id = root + "r" + n;
    String relative = PartPlanner.PARTS_DIR + "/" + part.id() + "-retry.jsonl";
    Sha256.FileHash hash = Sha256.ofFile(workDir.resolve(relative));
    BatchPart retry = BatchPart.planned(id, part.endpoint(), part.model(), part.analysts(), relative,
        hash.sha256(), part.retryLines().orElseThrow(), hash.bytes(), Optional.of(part.id()));
    journal.put(retry);
    journal.put(part.resubmittedAs(id));
    listener.onStep(id, "resubmitting " + retry.lines() + " line(s) of " + part.id());
    return retry;
  }


  /** Removes a scratch directory and what is in it, as far as it can. */
  static void deleteTree(Path dir) {
    try (var walk = java.nio.file.Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
      // nothing was left, or nothing can be done
    }
  }
}
