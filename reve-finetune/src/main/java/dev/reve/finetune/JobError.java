package dev.reve.finetune;

import java.util.Optional;

/**
 * Why a job failed, as the job object reports it.
 *
 * @param code machine-readable code
 * @param message human-readable message
 * @param param the parameter at fault, usually {@code training_file} or {@code validation_file}
 */
public record JobError(Optional<String> code, Optional<String> message, Optional<String> param) {
  /** Normalises absent and blank values to empty. */
  public JobError {
    code = blank(code);
    message = blank(message);
    param = blank(param);
  }

  private static Optional<String> blank(Optional<String> value) {
    return value == null ? Optional.empty() : value.filter(s -> !s.isBlank());
  }

  /** Whether every field is empty: such an error object means "no error". */
  public boolean isEmpty() {
    return code.isEmpty() && message.isEmpty() && param.isEmpty();
  }

  /** One line for reports: {@code message [code]}, with {@code no message} when none was sent. */
  public String summary() {
    return message.orElse("no message") + code.map(c -> " [" + c + "]").orElse("");
  }

  /** This error with every field passed through {@code redactor} (server text may echo secrets). */
  public JobError redacted(java.util.function.UnaryOperator<String> redactor) {
    return new JobError(code.map(redactor), message.map(redactor), param.map(redactor));
  }
}
