package dev.reve.analysis;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Decides which model (and which endpoint) serves an analyst. Pluggable: an application may pass
 * its own implementation, or a lambda, to {@link DreamAnalysts.Builder#resolver}.
 *
 * <p>The standard resolver ({@link #standard()}, {@link #builder()}) looks in this order and takes
 * the first model it finds:
 *
 * <ol>
 *   <li>a setting in code: {@code ModelResolver.builder().model("jung", "ft:...")};
 *   <li>the system property {@code reve.model.<id>} ({@code -Dreve.model.jung=ft:...});
 *   <li>the environment variable {@code OPENAI_<ID>_MODEL} ({@code OPENAI_JUNG_MODEL}, {@code
 *       OPENAI_FREUD_MODEL}; a {@code -} in the id becomes {@code _});
 *   <li>the models file written by the fine-tuning workflow (below);
 *   <li>otherwise the base model, with the same system prompt: {@code REVE_BASE_MODEL} (or the
 *       system property {@code reve.baseModel}, or {@link Builder#baseModel} in code), default
 *       {@value #DEFAULT_BASE_MODEL}.
 * </ol>
 *
 * <p><b>Models file.</b> A {@link java.util.Properties} file in UTF-8, by default {@code
 * reve-models.properties} in the working directory (read only if it exists), or the file named by
 * {@link Builder#modelsFile}, the system property {@code reve.modelsFile} or the environment
 * variable {@code REVE_MODELS_FILE} (which must then exist). Per analyst it holds:
 *
 * <pre>
 * # written by reve-finetune's promote step
 * jung.model=ft:gpt-4o-2024-08-06:acme:jung:AbC123
 * freud.model=ft:gpt-4o-2024-08-06:acme:freud:XyZ789
 * # optional: this analyst is served by another OpenAI-compatible server
 * jung.base-url=http://gpu-box:8000/v1/
 * </pre>
 *
 * Keys are {@code <id>.model} and {@code <id>.base-url} ({@link AnalystProfile#modelsFileModelKey},
 * {@link AnalystProfile#modelsFileBaseUrlKey}); other keys are ignored, blank values count as
 * unset. The file is read again when it changes, so a promote is picked up without a restart.
 *
 * <p><b>Endpoint.</b> An analyst may have its own OpenAI-compatible server: {@link Builder#baseUrl}
 * in code, {@code reve.baseUrl.<id>}, {@code OPENAI_<ID>_BASE_URL} or {@code <id>.base-url} in the
 * models file, looked up in the same order. An endpoint applies to the model set in the same place
 * or in a place of lower precedence: an endpoint from the models file is not used for a model you
 * override with {@code OPENAI_JUNG_MODEL}. The key for such an endpoint comes from {@link
 * Builder#apiKey} or {@code OPENAI_<ID>_API_KEY}; without one, the main client's key is sent only
 * to the main client's own host.
 */
@FunctionalInterface
public interface ModelResolver {
  /**
   * The base model when nothing else is configured: the one serving default of the SDK. It is
   * {@code gpt-6-luna}, the reasoning model OpenAI names as the replacement of the gpt-4o family
   * that shuts down on 2027-01-14 (README, wind-down section), so an application that sets nothing
   * keeps working on that day. Fine-tuning has its own default base model in reve-finetune,
   * since only the older families can be fine-tuned.
   */
  String DEFAULT_BASE_MODEL = "gpt-6-luna";

  /** The environment variable naming the base model. */
  String BASE_MODEL_ENV = "REVE_BASE_MODEL";

  /** The system property naming the base model. */
  String BASE_MODEL_PROPERTY = "reve.baseModel";

  /** The environment variable naming the models file. */
  String MODELS_FILE_ENV = "REVE_MODELS_FILE";

  /** The system property naming the models file. */
  String MODELS_FILE_PROPERTY = "reve.modelsFile";

  /** The models file's default name, looked for in the working directory. */
  String DEFAULT_MODELS_FILE = "reve-models.properties";

  /**
   * The model and endpoint for {@code analyst}; called before every request, so it should be cheap.
   *
   * @throws ModelConfigurationException when the configuration cannot work
   */
  ModelChoice resolve(AnalystProfile analyst);

  /** The standard resolver reading the real environment and system properties. */
  static ModelResolver standard() {
    return builder().build();
  }

  /**
   * The standard resolver reading nothing ambient: no environment variable, system property or
   * models file; every analyst on {@value #DEFAULT_BASE_MODEL}.
   */
  static ModelResolver isolated() {
    return builder().isolated().build();
  }

  /** A builder for the standard resolver; environment and properties are injectable for tests. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds the standard resolver. */
  final class Builder {
    final Map<String, String> models = new HashMap<>();
    final Map<String, String> baseUrls = new HashMap<>();
    final Map<String, String> apiKeys = new HashMap<>();
    Map<String, String> environment;
    Properties systemProperties;
    String baseModel;
    Path modelsFile;
    boolean useModelsFile = true;

    private Builder() {}

    /** The model for analyst {@code id}, taking precedence over every other setting. */
    public Builder model(String id, String model) {
      models.put(Objects.requireNonNull(id, "id"), requireText(model, "model"));
      return this;
    }

    /** The OpenAI-compatible endpoint for analyst {@code id}, such as a vLLM server. */
    public Builder baseUrl(String id, String url) {
      baseUrls.put(Objects.requireNonNull(id, "id"), requireText(url, "url"));
      return this;
    }

    /** The API key for analyst {@code id}'s own endpoint; never logged. */
    public Builder apiKey(String id, String key) {
      apiKeys.put(Objects.requireNonNull(id, "id"), requireText(key, "key"));
      return this;
    }

    /** The base model, taking precedence over {@code REVE_BASE_MODEL}. */
    public Builder baseModel(String model) {
      this.baseModel = requireText(model, "model");
      return this;
    }

    /** The environment to read instead of {@link System#getenv()}. */
    public Builder environment(Map<String, String> env) {
      this.environment = Map.copyOf(Objects.requireNonNull(env, "env"));
      return this;
    }

    /** The system properties to read instead of {@link System#getProperties()}. */
    public Builder systemProperties(Properties properties) {
      Properties copy = new Properties();
      copy.putAll(Objects.requireNonNull(properties, "properties"));
      this.systemProperties = copy;
      return this;
    }

    /** The models file to read; it must exist. Takes precedence over {@code REVE_MODELS_FILE}. */
    public Builder modelsFile(Path path) {
      this.modelsFile = Objects.requireNonNull(path, "path");
      this.useModelsFile = true;
      return this;
    }

    /** Reads an empty environment, no system properties and no models file. */
    public Builder isolated() {
      this.environment = Map.of();
      this.systemProperties = new Properties();
      return withoutModelsFile();
    }

    /** Ignores every models file. */
    public Builder withoutModelsFile() {
      this.useModelsFile = false;
      this.modelsFile = null;
      return this;
    }

    /** Builds the resolver. */
    public ModelResolver build() {
      return new StandardModelResolver(this);
    }

    private static String requireText(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value.strip();
    }
  }
}
