package dev.reve.analysis;

import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.error.OpenAiException;
import java.util.Objects;

/**
 * The model that should answer does not exist on its server (HTTP 404), and there is nothing left
 * to fall back to: the base model itself is gone. The message names the setting to change.
 */
public final class ModelUnavailableException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final String model;
  private final String setting;

  /** Creates the exception. */
  public ModelUnavailableException(
      String model, String endpoint, String setting, NotFoundException cause) {
    super(
        "The model '"
            + Objects.requireNonNull(model, "model")
            + "' is not available at "
            + endpoint
            + " ("
            + cause.getMessage()
            + "). It was chosen by "
            + setting
            + ": set "
            + ModelResolver.BASE_MODEL_ENV
            + " (or the analyst's own model setting) to a model your key can use; GET /models"
            + " lists them",
        cause);
    this.model = model;
    this.setting = setting;
  }

  /** The model that is gone. */
  public String model() {
    return model;
  }

  /** The setting that chose it, such as {@code environment variable REVE_BASE_MODEL}. */
  public String setting() {
    return setting;
  }
}
