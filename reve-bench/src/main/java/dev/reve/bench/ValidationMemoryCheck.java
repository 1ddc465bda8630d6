package dev.reve.bench;

import dev.reve.analysis.BuiltInAnalysts;
import dev.reve.finetune.validation.TrainingDataValidator;
import dev.reve.finetune.validation.ValidationOptions;
import dev.reve.finetune.validation.ValidationReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Validates a large generated training file (default 512 MB) in whatever heap the JVM was given,
 * run with {@code -Xmx64m}: the format-and-tokens pass, then the pass with the Jung analyst (skew
 * and lint). Prints time, MB/s and the heap's peak use per pass; exits 0 when both passes finish
 * with a clean report, 1 when the file does not validate. An {@link OutOfMemoryError} ends it with
 * a non-zero exit of its own. {@code --mb N} changes the size.
 */
public final class ValidationMemoryCheck {
  private ValidationMemoryCheck() {}

  /** Runs the check; see the class comment. */
  public static void main(String[] args) throws IOException {
    long megabytes = 512;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--mb") && i + 1 < args.length) {
        megabytes = Long.parseLong(args[++i]);
      } else {
        System.err.println("usage: ValidationMemoryCheck [--mb N]");
        System.exit(64);
      }
    }
    Path dir = Files.createTempDirectory("reve-validation-check");
    Path file = dir.resolve("jung-large.jsonl");
    try {
      TrainingCorpus.Written written = TrainingCorpus.write(file, megabytes * 1_000_000L);
      System.out.printf(Locale.ROOT, "JVM %s, max heap %.1f MB; file %,d bytes, %,d lines%n",
          System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() / 1e6,
          written.bytes(), written.lines());
      TrainingDataValidator validator = new TrainingDataValidator();
      boolean ok = pass("format + tokens", validator, file, written,
          ValidationOptions.builder().fidelityLint(false).build());
      ok &= pass("Jung analyst (skew + lint)", validator, file, written,
          ValidationOptions.builder().analyst(BuiltInAnalysts.JUNG).build());
      System.out.println(ok ? "OK: both passes finished in this heap" : "FAIL: the file did not validate");
      System.exit(ok ? 0 : 1);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static boolean pass(
      String name, TrainingDataValidator validator, Path file, TrainingCorpus.Written written,
      ValidationOptions options) {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long start = System.nanoTime();
    ValidationReport report = validator.validate(file, options);
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    boolean clean = !report.hasErrors() && report.examples() == written.lines();
    System.out.printf(Locale.ROOT, "%s: %.1f s, %.1f MB/s, heap peak %.1f MB (garbage included), %s%n",
        name, seconds, written.bytes() / 1e6 / seconds, peak / 1e6, clean ? "clean report" : "ERRORS");
    return clean;
  }
}
