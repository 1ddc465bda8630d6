package dev.reve.finetune.validation;

/** How serious a {@link Problem} is: an error blocks the upload, a warning does not. */
public enum Severity {
  /** The file must not be uploaded until this is fixed. */
  ERROR,
  /** The file can be uploaded, but the result may be worse than it could be. */
  WARNING
}
