package dev.reve.finetune.training;

import dev.reve.storage.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A deterministic split of examples into a training and a validation set. Each example is ranked
 * by a seeded hash of its own content, and the lowest-ranked go to validation: the same examples
 * and seed always give the same split on every machine, and adding an example moves at most one
 * other across.
 *
 * <pre>{@code
 * TrainingSplit split = TrainingSplit.of(examples, 0.1, 42);
 * split.write(Path.of("jung-train.jsonl"), Path.of("jung-validation.jsonl"));
 * }</pre>
 *
 * @param training the examples to train on, in their original order
 * @param validation the held-out examples, in their original order
 */
public record TrainingSplit(List<TrainingExample> training, List<TrainingExample> validation) {

  /** Copies the lists. */
  public TrainingSplit {
    training = List.copyOf(training);
    validation = List.copyOf(validation);
  }

  /**
   * Splits examples.
   *
   * @param examples all examples
   * @param validationFraction the share for validation, from 0 (none) to below 1; rounded to whole
   *     examples, at least one when the fraction is positive and there are two or more examples
   * @param seed a different seed gives a different split
   */
  public static TrainingSplit of(List<TrainingExample> examples, double validationFraction, long seed) {
    Objects.requireNonNull(examples, "examples");
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validationFraction must be at least 0 and below 1; got " + validationFraction);
    }
    int n = examples.size();
    int k = (int) Math.round(n * validationFraction);
    if (validationFraction > 0 && n >= 2) {
      k = Math.max(1, Math.min(k, n - 1));
    }
    List<Integer> order = new ArrayList<>(n);
    long[] rank = new long[n];
    for (int i = 0; i < n; i++) {
      order.add(i);
      rank[i] = rank(examples.get(i), seed);
    }
    order.sort(Comparator.<Integer>comparingLong(i -> rank[i]).thenComparing(i -> i));
    Set<Integer> held = new HashSet<>(order.subList(0, k));
    List<TrainingExample> training = new ArrayList<>(n - k);
    List<TrainingExample> validation = new ArrayList<>(k);
    for (int i = 0; i < n; i++) {
      (held.contains(i) ? validation : training).add(examples.get(i));
    }
    return new TrainingSplit(training, validation);
  }

  /** Writes both files atomically; returns the training file then the validation file. */
  public List<WrittenFile> write(Path trainingFile, Path validationFile) {
    return List.of(
        TrainingFileWriter.write(trainingFile, training),
        TrainingFileWriter.write(validationFile, validation));
  }

  private static long rank(TrainingExample example, long seed) {
    MessageDigest digest = Sha256.newDigest();
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
    byte[] hash = digest.digest(example.toJsonLine().getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(hash).getLong() >>> 1;
  }
}
