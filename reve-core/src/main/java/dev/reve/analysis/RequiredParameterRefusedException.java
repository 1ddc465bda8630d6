package dev.reve.analysis;

import dev.reve.openai.error.BadRequestException;
import dev.reve.openai.error.OpenAiException;
import java.util.Objects;

/**
 * A server refused a parameter (400 {@code unsupported_parameter} or {@code unsupported_value})
 * that the {@link AnalysisOptions} mark as required, so it was not dropped and the call failed.
 */
public final class RequiredParameterRefusedException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final String model;
  private final String parameter;

  /** Creates the exception; the message says what to change. */
  public RequiredParameterRefusedException(
      String model, String endpoint, String parameter, BadRequestException cause) {
    super(
        "The model '"
            + Objects.requireNonNull(model, "model")
            + "' at "
            + endpoint
            + " refuses '"
            + parameter
            + "' ("
            + cause.apiMessage().orElse(cause.getMessage())
            + "), which the analysis options mark as required: leave it out of"
            + " AnalysisOptions.Builder.require(...) so it can be dropped, or choose a model that"
            + " accepts it",
        cause);
    this.model = model;
    this.parameter = parameter;
  }

  /** The model that refused. */
  public String model() {
    return model;
  }

  /** The refused parameter's wire name, such as {@code temperature}. */
  public String parameter() {
    return parameter;
  }
}
