package dev.reve.analysis;

import dev.reve.openai.error.NotFoundException;
import dev.reve.openai.error.OpenAiException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The model that should answer does not exist on its server (HTTP 404), and there is nothing left
 * to fall back to: the base model itself is gone. The message names the setting to change.
 */
public final class ModelUnavailableException extends OpenAiException {
  private static final long serialVersionUID = 1L;
  private final String model;
  private final String setting;

  private final List<String> usableModels;

  /** Creates the exception, without the list of usable models. */
  public ModelUnavailableException(
      String model, String endpoint, String setting, NotFoundException cause) {
    this(model, endpoint, setting, cause, Optional.empty(), Optional.empty());
  }

  /**
   * Creates the exception.
   *
   * @param usableModels the chat models the key can use now ({@code GET /models}), when listed
   * @param retiredOn the model's known shutdown date, when it has passed
   */
  public ModelUnavailableException(
      String model,
      String endpoint,
      String setting,
      NotFoundException cause,
      Optional<List<String>> usableModels,
      Optional<LocalDate> retiredOn) {
    super(
        "The model '"
            + Objects.requireNonNull(model, "model")
            + "' is not available at "
            + endpoint
            + " ("
            + cause.getMessage()
            + ")"
            + retiredOn.map(d -> "; it was retired on " + d).orElse("")
            + ". It was chosen by "
            + setting
            + ": set "
            + ModelResolver.BASE_MODEL_ENV
            + " (or the analyst's own model setting) to a model your key can use"
            + usableModels.map(ModelUnavailableException::listed).orElse("; GET /models lists them"),
        cause);
    this.model = model;
    this.setting = setting;
    this.usableModels = usableModels.map(List::copyOf).orElse(List.of());
  }

  private static String listed(List<String> models) {
    if (models.isEmpty()) {
      return " (GET /models lists none)";
    }
    int shown = Math.min(LISTED, models.size());
    return " now, such as "
        + String.join(", ", models.subList(0, shown))
        + (models.size() > shown ? " and " + (models.size() - shown) + " more" : "")
        + " (from GET /models)";
  }

  private static final int LISTED = 12;

  /** The chat models the key could use when this was thrown (empty when they were not listed). */
  public List<String> usableModels() {
    return usableModels;
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
