package dev.reve.openai.batches;

import java.util.Optional;

/**
 * Why a batch's input was refused (one entry of {@code errors.data}).
 *
 * @param code the error code, such as {@code invalid_json_line}
 * @param message what is wrong
 * @param param the parameter at fault, when one is
 * @param line the input file line at fault, when one is
 */
public record BatchError(String code, String message, Optional<String> param, Optional<Integer> line) {
  /** Normalises absent values. */
  public BatchError {
    code = code == null ? "" : code;
    message = message == null ? "" : message;
  }

  @Override
  public String toString() {
    return line.map(l -> "line " + l + ": ").orElse("") + message + (code.isEmpty() ? "" : " (" + code + ")");
  }
}
