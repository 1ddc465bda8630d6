package dev.reve.analysis;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who an analyst is and the system prompt that makes a model speak as them. The same prompt is
 * written into every training example and sent with every request, for base and fine-tuned
 * models alike (see {@link PromptBuilder}).
 *
 * @param id short lowercase id, used in configuration ({@code OPENAI_<ID>_MODEL}) and file names
 * @param name display name
 * @param title professional title
 * @param era the years the analyst's method belongs to
 * @param specialty what the analyst is known for
 * @param approach how the analyst reads a dream, in a sentence or two
 * @param bio a short biography
 * @param systemPrompt the system message, identical in training and serving
 */
public record AnalystProfile(
    String id,
    String name,
    String title,
    String era,
    String specialty,
    String approach,
    String bio,
    String systemPrompt) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

  /** Validates the id and requires every field. */
  public AnalystProfile {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "analyst id '" + id + "' must be lowercase letters, digits, '-' or '_', starting with a"
              + " letter, at most 40 characters");
    }
    for (String field : new String[] {name, title, era, specialty, approach, bio, systemPrompt}) {
      Objects.requireNonNull(field, "every profile field is required");
    }
    if (systemPrompt.isBlank()) {
      throw new IllegalArgumentException("analyst '" + id + "' needs a system prompt");
    }
  }

  /** The environment variable that names this analyst's model: {@code OPENAI_JUNG_MODEL}. */
  public String modelEnvironmentVariable() {
    return "OPENAI_" + envId() + "_MODEL";
  }

  /** The system property that names this analyst's model: {@code reve.model.jung}. */
  public String modelSystemProperty() {
    return "reve.model." + id;
  }

  /** The environment variable naming this analyst's own endpoint: {@code OPENAI_JUNG_BASE_URL}. */
  public String baseUrlEnvironmentVariable() {
    return "OPENAI_" + envId() + "_BASE_URL";
  }

  /** The system property that names this analyst's own endpoint: {@code reve.baseUrl.jung}. */
  public String baseUrlSystemProperty() {
    return "reve.baseUrl." + id;
  }

  /** The environment variable with the key for that endpoint: {@code OPENAI_JUNG_API_KEY}. */
  public String apiKeyEnvironmentVariable() {
    return "OPENAI_" + envId() + "_API_KEY";
  }

  /** The models-file key of this analyst's model: {@code jung.model}. */
  public String modelsFileModelKey() {
    return id + ".model";
  }

  /** The models-file key of this analyst's own endpoint: {@code jung.base-url}. */
  public String modelsFileBaseUrlKey() {
    return id + ".base-url";
  }

  /**
   * The models-file key naming the environment variable that holds the key for this analyst's
   * endpoint: {@code jung.api-key-env} (for example {@code TOGETHER_API_KEY}); written by promotion.
   */
  public String modelsFileApiKeyVariableKey() {
    return id + ".api-key-env";
  }

  /** The models-file key of how the key is sent to this analyst's endpoint: {@code jung.auth}. */
  public String modelsFileAuthKey() {
    return id + ".auth";
  }

  private String envId() {
    return id.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
