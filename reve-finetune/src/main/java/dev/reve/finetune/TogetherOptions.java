package dev.reve.finetune;

/**
 * What Together AI's jobs add to ours: LoRA or full training, and SFT or DPO.
 *
 * @param trainingType LoRA (an adapter, the default) or full training
 * @param loraRank the LoRA rank {@code lora_r}
 * @param loraAlpha the LoRA scaling {@code lora_alpha}
 * @param method supervised fine-tuning, or DPO for preference pairs
 */
public record TogetherOptions(TrainingType trainingType, int loraRank, int loraAlpha, Method method) {
  /** LoRA with rank 16 and alpha 32, supervised. */
  public static final TogetherOptions DEFAULT = new TogetherOptions(TrainingType.LORA, 16, 32, Method.SFT);

  /** Checks the LoRA settings. */
  public TogetherOptions {
    if (trainingType == null || method == null) {
      throw new IllegalArgumentException("trainingType and method are required");
    }
    if (loraRank < 1 || loraAlpha < 1) {
      throw new IllegalArgumentException(
          "LoRA rank and alpha must be at least 1, were " + loraRank + " and " + loraAlpha);
    }
  }

  /** The same options with another training type. */
  public TogetherOptions withTrainingType(TrainingType value) {
    return new TogetherOptions(value, loraRank, loraAlpha, method);
  }

  /** The same options with another method. */
  public TogetherOptions withMethod(Method value) {
    return new TogetherOptions(trainingType, loraRank, loraAlpha, value);
  }

  /** LoRA or full. */
  public enum TrainingType {
    /** A LoRA adapter over the base model. */
    LORA,
    /** Every weight. */
    FULL
  }

  /** SFT or DPO. */
  public enum Method {
    /** Supervised fine-tuning on chat {@code messages}. */
    SFT,
    /** Direct preference optimisation on {@code preferred_output}/{@code non_preferred_output} pairs. */
    DPO
  }
}
