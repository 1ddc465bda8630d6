package dev.reve.finetune;

import com.squareup.moshi.Json;
import java.util.Optional;

/**
 * Training metrics at one step, from a {@code metrics} event's {@code data} or a checkpoint.
 *
 * @param step the training step
 * @param totalSteps the number of steps the job will run, when sent
 * @param trainLoss loss on the training batch
 * @param trainMeanTokenAccuracy token accuracy on the training batch
 * @param validLoss loss on a validation batch
 * @param validMeanTokenAccuracy token accuracy on a validation batch
 * @param fullValidLoss loss on the whole validation file (at epoch ends)
 * @param fullValidMeanTokenAccuracy token accuracy on the whole validation file
 */
public record TrainingMetrics(
    Optional<Long> step,
    @Json(name = "total_steps") Optional<Long> totalSteps,
    @Json(name = "train_loss") Optional<Double> trainLoss,
    @Json(name = "train_mean_token_accuracy") Optional<Double> trainMeanTokenAccuracy,
    @Json(name = "valid_loss") Optional<Double> validLoss,
    @Json(name = "valid_mean_token_accuracy") Optional<Double> validMeanTokenAccuracy,
    @Json(name = "full_valid_loss") Optional<Double> fullValidLoss,
    @Json(name = "full_valid_mean_token_accuracy") Optional<Double> fullValidMeanTokenAccuracy) {

  /** No metrics. */
  public static final TrainingMetrics NONE =
      new TrainingMetrics(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Progress as a fraction in [0, 1], when both the step and the total are known. */
  public Optional<Double> fraction() {
    if (step.isEmpty() || totalSteps.isEmpty() || totalSteps.get() <= 0) {
      return Optional.empty();
    }
    return Optional.of(Math.min(1.0, Math.max(0.0, step.get() / (double) totalSteps.get())));
  }
}
