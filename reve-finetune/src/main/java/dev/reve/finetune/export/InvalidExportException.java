package dev.reve.finetune.export;

/** An export cannot be written from this data; the message names the file and line to fix. */
public final class InvalidExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message saying what to fix. */
  public InvalidExportException(String message) {
    super(message);
  }
}
