package dev.reve.openai.files;

import dev.reve.openai.error.OpenAiException;

/** A file was refused before anything was sent: empty, or over the upload limit. Fix the file. */
public final class FileRejectedException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final String fileName;

  /** Creates the exception for {@code fileName}. */
  public FileRejectedException(String fileName, String message) {
    super(message);
    this.fileName = fileName;
  }

  /** The file's name as it would have been uploaded. */
  public String fileName() {
    return fileName;
  }
}
