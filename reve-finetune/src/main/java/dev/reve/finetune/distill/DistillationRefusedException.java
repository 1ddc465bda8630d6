package dev.reve.finetune.distill;

/**
 * Distillation would not carry the analyst's voice over: no fine-tuned model is configured, the
 * model is gone, an answer came from the fallback base model, or the journal beside the output was
 * answered by another model or prompt. The message says what to change.
 */
public final class DistillationRefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** A refusal with what to change. */
  public DistillationRefusedException(String message) {
    super(message);
  }
}
