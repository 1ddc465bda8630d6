package dev.reve.analysis;

import java.util.List;
import java.util.Objects;

/**
 * Which model answers for an analyst and why, in words a person can act on: the model, what kind
 * of model it is, and the setting that chose it (or, after a fallback, why the base model
 * answered instead).
 *
 * @param model the model that answers, or answered
 * @param kind {@code fine-tuned}, {@code base model}, or {@code base model, after a fallback}
 * @param reason why this model: the setting that chose it, or the fallback with its cause
 */
public record ModelChoiceExplanation(String model, String kind, String reason) {
  /** The kind of a model configured for the analyst. */
  public static final String CONFIGURED = "fine-tuned";

  /** The kind of the base model chosen because nothing else was configured. */
  public static final String BASE = "base model";

  /** The kind of the base model answering because the configured model was gone. */
  public static final String FALLBACK = "base model, after a fallback";

  /** Requires every part. */
  public ModelChoiceExplanation {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  /** Explains a choice before the model answers. */
  public static ModelChoiceExplanation of(ModelChoice choice) {
    Objects.requireNonNull(choice, "choice");
    if (choice.source() != ModelSource.BASE_MODEL) {
      return new ModelChoiceExplanation(choice.model(), CONFIGURED, "set by " + choice.setting());
    }
    return new ModelChoiceExplanation(
        choice.model(),
        BASE,
        "no fine-tuned model is configured for "
            + choice.analystId()
            + "; base model from "
            + choice.setting());
  }

  /** Explains the model that produced {@code analysis}, a fallback to the base model included. */
  public static ModelChoiceExplanation of(ModelChoice choice, Analysis analysis) {
    Objects.requireNonNull(analysis, "analysis");
    if (!analysis.fellBack()) {
      return of(choice);
    }
    return new ModelChoiceExplanation(analysis.model(), FALLBACK, fallbackReason(choice));
  }

  /**
   * Why the base model answered instead of the configured one: the configured model answered
   * HTTP 404, with the settings to change.
   */
  public static String fallbackReason(ModelChoice choice) {
    Objects.requireNonNull(choice, "choice");
    return choice.model()
        + " (set by "
        + choice.setting()
        + ") answered 404: it is gone or retired, so the base model from "
        + choice.baseModelSetting()
        + " answered with the same prompt. Fine-tune and promote a new model, or remove the"
        + " setting.";
  }

  /** Two lines, {@code Model: <model> (<kind>)} and {@code Why:   <reason>}. */
  public List<String> lines() {
    return List.of("Model: " + model + " (" + kind + ")", "Why:   " + reason);
  }
}
