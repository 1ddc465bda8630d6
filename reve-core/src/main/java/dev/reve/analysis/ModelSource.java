package dev.reve.analysis;

/** Where a {@link ModelResolver} found the model for an analyst, highest precedence first. */
public enum ModelSource {
  /** Set in code on {@link ModelResolver.Builder#model(String, String)}. */
  CODE,
  /** The system property {@code reve.model.<id>}. */
  SYSTEM_PROPERTY,
  /** The environment variable {@code OPENAI_<ID>_MODEL}. */
  ENVIRONMENT,
  /** The models file ({@code reve-models.properties}) written by the fine-tuning workflow. */
  MODELS_FILE,
  /** Nothing analyst-specific is configured: the base model with the analyst's system prompt. */
  BASE_MODEL
}
