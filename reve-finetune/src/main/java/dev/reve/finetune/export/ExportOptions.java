package dev.reve.finetune.export;

import dev.reve.finetune.validation.Epochs;
import java.util.Objects;

/**
 * What an export trains with.
 *
 * @param format the trainer
 * @param baseModel the open-weight base model (a Hugging Face id)
 * @param epochs the epochs, from the run's options ({@code auto} is written as {@value
 *     Epochs#ASSUMED_FOR_AUTO})
 * @param loraRank the LoRA rank
 * @param loraAlpha the LoRA alpha
 */
public record ExportOptions(ExportFormat format, String baseModel, Epochs epochs, int loraRank, int loraAlpha) {
  /** The base model used when none is given: an instruct model with a chat template. */
  public static final String DEFAULT_BASE_MODEL = "Qwen/Qwen2.5-7B-Instruct";

  /** Checks every part. */
  public ExportOptions {
    Objects.requireNonNull(format, "format");
    dev.reve.openai.spi.Json.requireText(baseModel, "baseModel");
    Objects.requireNonNull(epochs, "epochs");
    if (loraRank < 1 || loraAlpha < 1) {
      throw new IllegalArgumentException("LoRA rank and alpha must be at least 1");
    }
  }

  /** {@code format} on the default base model, auto epochs, rank 16 and alpha 32. */
  public static ExportOptions of(ExportFormat format) {
    return new ExportOptions(format, DEFAULT_BASE_MODEL, Epochs.auto(), 16, 32);
  }

  /** The same with another base model. */
  public ExportOptions withBaseModel(String value) {
    return new ExportOptions(format, value, epochs, loraRank, loraAlpha);
  }

  /** The same with other epochs. */
  public ExportOptions withEpochs(Epochs value) {
    return new ExportOptions(format, baseModel, value, loraRank, loraAlpha);
  }
}
