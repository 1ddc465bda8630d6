package dev.reve.testkit;

import dev.reve.analysis.ModelResolver;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Model resolvers for tests that read nothing around them: no environment variable, no system
 * property and no models file, so a developer's {@code OPENAI_JUNG_MODEL} or a {@code
 * reve-models.properties} in the working directory cannot change a test's outcome.
 *
 * <pre>{@code
 * ModelResolver resolver = TestModels.resolver(Map.of("jung", "ft:gpt-4o-mini:acme:jung:A1"));
 * }</pre>
 */
public final class TestModels {
  private TestModels() {}

  /** Every analyst on the default base model. */
  public static ModelResolver resolver() {
    return isolated().build();
  }

  /** These models per analyst id ({@code "jung" -> "ft:..."}); other analysts on the base model. */
  public static ModelResolver resolver(Map<String, String> modelsByAnalyst) {
    ModelResolver.Builder builder = isolated();
    Objects.requireNonNull(modelsByAnalyst, "modelsByAnalyst").forEach(builder::model);
    return builder.build();
  }

  /**
   * The standard resolver's builder with an empty environment, no system properties and no
   * models file, for tests that also set endpoints, keys or the base model.
   */
  public static ModelResolver.Builder isolated() {
    return ModelResolver.builder()
        .environment(Map.of())
        .systemProperties(new Properties())
        .withoutModelsFile();
  }
}
