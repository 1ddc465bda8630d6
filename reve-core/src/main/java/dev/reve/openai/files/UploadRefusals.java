package dev.reve.openai.files;

/**
 * Turns an upload's refusal (a {@link FileRejectedException} or the server's {@code
 * ApiException}) into the exception a feature wants to throw, for example a fine-tuning module's
 * typed training-file refusal. See {@link FileService#withUploadRefusals}.
 */
@FunctionalInterface
public interface UploadRefusals {
  /** Throws refusals as they are. */
  UploadRefusals AS_IS = (fileName, refusal) -> refusal;

  /** The exception to throw for {@code refusal} of the file named {@code fileName}. */
  RuntimeException translate(String fileName, RuntimeException refusal);
}
