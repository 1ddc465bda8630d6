package dev.reve.finetune;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyperparameters of a supervised fine-tuning job; each is {@code auto} unless set.
 *
 * @param epochs {@code n_epochs}: passes over the training data, 1 to 50
 * @param batchSize {@code batch_size}: examples per batch, 1 to 256
 * @param learningRateMultiplier {@code learning_rate_multiplier}: above 0
 */
public record SupervisedHyperparameters(
    Hyperparameter epochs, Hyperparameter batchSize, Hyperparameter learningRateMultiplier) {

  /** Every value left to the service. */
  public static final SupervisedHyperparameters AUTO =
      new SupervisedHyperparameters(Hyperparameter.auto(), Hyperparameter.auto(), Hyperparameter.auto());

  /** Checks the bounds from OpenAI's API description; null means auto. */
  public SupervisedHyperparameters {
    epochs = Hyperparameter.orAuto(epochs).requireWhole("n_epochs", 1, 50);
    batchSize = Hyperparameter.orAuto(batchSize).requireWhole("batch_size", 1, 256);
    learningRateMultiplier =
        Hyperparameter.orAuto(learningRateMultiplier).requirePositive("learning_rate_multiplier");
  }

  /** A copy with another epoch count. */
  public SupervisedHyperparameters withEpochs(Hyperparameter value) {
    return new SupervisedHyperparameters(value, batchSize, learningRateMultiplier);
  }

  /** A copy with another batch size. */
  public SupervisedHyperparameters withBatchSize(Hyperparameter value) {
    return new SupervisedHyperparameters(epochs, value, learningRateMultiplier);
  }

  /** A copy with another learning-rate multiplier. */
  public SupervisedHyperparameters withLearningRateMultiplier(Hyperparameter value) {
    return new SupervisedHyperparameters(epochs, batchSize, value);
  }

  /** The JSON object; every value is sent, {@code auto} as the string. */
  Map<String, Object> toWire() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("n_epochs", epochs.toWire());
    map.put("batch_size", batchSize.toWire());
    map.put("learning_rate_multiplier", learningRateMultiplier.toWire());
    return map;
  }

  /** Reads the JSON object as parsed into a map; absent values are auto. */
  static SupervisedHyperparameters fromWire(Map<?, ?> map) {
    if (map == null) {
      return AUTO;
    }
    // The request limits must not make a response unreadable: a value outside them reads as auto.
    Hyperparameter epochs = Hyperparameter.fromWire(map.get("n_epochs"));
    Hyperparameter batchSize = Hyperparameter.fromWire(map.get("batch_size"));
    Hyperparameter rate = Hyperparameter.fromWire(map.get("learning_rate_multiplier"));
    return new SupervisedHyperparameters(
        withinLimits(epochs, h -> h.requireWhole("n_epochs", 1, 50)),
        withinLimits(batchSize, h -> h.requireWhole("batch_size", 1, 256)),
        withinLimits(rate, h -> h.requirePositive("learning_rate_multiplier")));
  }

  private static Hyperparameter withinLimits(
      Hyperparameter value, java.util.function.UnaryOperator<Hyperparameter> check) {
    try {
      return check.apply(value);
    } catch (IllegalArgumentException outsideLimits) {
      return Hyperparameter.auto();
    }
  }

  @Override
  public String toString() {
    return "n_epochs=" + epochs + ", batch_size=" + batchSize + ", learning_rate_multiplier="
        + learningRateMultiplier;
  }
}
