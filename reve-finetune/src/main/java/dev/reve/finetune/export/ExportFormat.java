package dev.reve.finetune.export;

import java.util.Locale;

/** The open-weight trainers an export is ready for. */
public enum ExportFormat {
  /** Hugging Face TRL's {@code trl sft} with a YAML config; its SFTTrainer reads {@code messages} as they are. */
  TRL("trl", "trl-config.yaml"),
  /** axolotl with a {@code chat_template} dataset over the {@code messages} field. */
  AXOLOTL("axolotl", "axolotl.yaml"),
  /** Unsloth (built on TRL's SFTTrainer): a Python script. */
  UNSLOTH("unsloth", "train_unsloth.py");

  private final String id;
  private final String configName;

  ExportFormat(String id, String configName) {
    this.id = id;
    this.configName = configName;
  }

  /** The name on the command line. */
  public String id() {
    return id;
  }

  /** The configuration file written per analyst. */
  public String configName() {
    return configName;
  }

  /**
   * The format spelled {@code text}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ExportFormat of(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (ExportFormat f : values()) {
      if (f.id.equals(t)) {
        return f;
      }
    }
    throw new IllegalArgumentException("Unknown export format '" + text + "'; use trl, axolotl or unsloth");
  }
}
