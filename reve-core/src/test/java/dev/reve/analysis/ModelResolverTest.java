package dev.reve.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {
  private static final AnalystProfile JUNG = BuiltInAnalysts.JUNG;
  private static final AnalystProfile FREUD = BuiltInAnalysts.FREUD;

  @TempDir Path dir;

  private Path modelsFile(String text) throws IOException {
    Path file = dir.resolve("reve-models.properties");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static Properties props(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  @Test
  void withNothingConfiguredTheBaseModelAnswers() {
    ModelChoice choice =
        ModelResolver.builder()
            .environment(Map.of())
            .systemProperties(new Properties())
            .withoutModelsFile()
            .build()
            .resolve(JUNG);
    assertThat(choice.model()).isEqualTo("gpt-6-luna").isEqualTo(ModelResolver.DEFAULT_BASE_MODEL);
    assertThat(choice.source()).isEqualTo(ModelSource.BASE_MODEL);
    assertThat(choice.configured()).isFalse();
    assertThat(choice.baseUrl()).isEmpty();
    assertThat(choice.setting()).contains("REVE_BASE_MODEL");
  }

  @Test
  void eachLayerWinsOverTheOnesBelowIt() throws IOException {
    Path file = modelsFile("jung.model=ft:file\nfreud.model=ft:file-freud\n");
    Map<String, String> env = new HashMap<>(Map.of("OPENAI_JUNG_MODEL", "ft:env"));
    Properties properties = props("reve.model.jung", "ft:property");

    ModelResolver all =
        ModelResolver.builder()
            .model("jung", "ft:code")
            .environment(env)
            .systemProperties(properties)
            .modelsFile(file)
            .build();
    assertThat(all.resolve(JUNG).model()).isEqualTo("ft:code");
    assertThat(all.resolve(JUNG).source()).isEqualTo(ModelSource.CODE);

    ModelResolver noCode =
        ModelResolver.builder()
            .environment(env)
            .systemProperties(properties)
            .modelsFile(file)
            .build();
    assertThat(noCode.resolve(JUNG).model()).isEqualTo("ft:property");
    assertThat(noCode.resolve(JUNG).source()).isEqualTo(ModelSource.SYSTEM_PROPERTY);
    assertThat(noCode.resolve(JUNG).setting()).isEqualTo("system property reve.model.jung");

    ModelResolver envOnly =
        ModelResolver.builder()
            .environment(env)
            .systemProperties(new Properties())
            .modelsFile(file)
            .build();
    assertThat(envOnly.resolve(JUNG).model()).isEqualTo("ft:env");
    assertThat(envOnly.resolve(JUNG).source()).isEqualTo(ModelSource.ENVIRONMENT);
    assertThat(envOnly.resolve(JUNG).setting()).isEqualTo("environment variable OPENAI_JUNG_MODEL");

    ModelChoice fromFile = envOnly.resolve(FREUD);
    assertThat(fromFile.model()).isEqualTo("ft:file-freud");
    assertThat(fromFile.source()).isEqualTo(ModelSource.MODELS_FILE);
    assertThat(fromFile.setting()).isEqualTo(file + ": freud.model");
    assertThat(fromFile.configured()).isTrue();
    assertThat(fromFile.baseModel()).isEqualTo(ModelResolver.DEFAULT_BASE_MODEL);
  }

  @Test
  void blankValuesCountAsUnset() throws IOException {
    Path file = modelsFile("jung.model=   \n");
    ModelChoice choice =
        ModelResolver.builder()
            .environment(Map.of("OPENAI_JUNG_MODEL", " "))
            .systemProperties(props("reve.model.jung", ""))
            .modelsFile(file)
            .build()
            .resolve(JUNG);
    assertThat(choice.source()).isEqualTo(ModelSource.BASE_MODEL);
  }

  @Test
  void baseModelComesFromCodePropertyOrEnvironment() {
    ModelResolver.Builder b =
        ModelResolver.builder()
            .environment(Map.of("REVE_BASE_MODEL", "gpt-4.1"))
            .systemProperties(new Properties())
            .withoutModelsFile();
    assertThat(b.build().resolve(JUNG).model()).isEqualTo("gpt-4.1");
    assertThat(b.build().resolve(JUNG).baseModelSetting())
        .isEqualTo("environment variable REVE_BASE_MODEL");
    b.systemProperties(props("reve.baseModel", "gpt-4.1-mini"));
    assertThat(b.build().resolve(JUNG).model()).isEqualTo("gpt-4.1-mini");
    b.baseModel("gpt-5");
    assertThat(b.build().resolve(JUNG).model()).isEqualTo("gpt-5");
    assertThat(b.build().resolve(JUNG).baseModel()).isEqualTo("gpt-5");
  }

  @Test
  void modelsFileNamedByTheEnvironmentIsRead() throws IOException {
    Path file =
        modelsFile(
            "# promoted\njung.model=ft:gpt-4o:acme:jung:1\njung.base-url=http://gpu:8000/v1/\n");
    ModelChoice choice =
        ModelResolver.builder()
            .environment(Map.of("REVE_MODELS_FILE", file.toString()))
            .systemProperties(new Properties())
            .build()
            .resolve(JUNG);
    assertThat(choice.model()).isEqualTo("ft:gpt-4o:acme:jung:1");
    assertThat(choice.source()).isEqualTo(ModelSource.MODELS_FILE);
    assertThat(choice.baseUrl()).contains("http://gpu:8000/v1/");
  }

  @Test
  void aMissingModelsFileThatWasNamedIsAnErrorThatSaysWhatToDo() {
    Path missing = dir.resolve("nope.properties");
    ModelResolver resolver =
        ModelResolver.builder()
            .environment(Map.of("REVE_MODELS_FILE", missing.toString()))
            .systemProperties(new Properties())
            .build();
    assertThatThrownBy(() -> resolver.resolve(JUNG))
        .isInstanceOf(ModelConfigurationException.class)
        .hasMessageContaining("nope.properties")
        .hasMessageContaining("REVE_MODELS_FILE")
        .hasMessageContaining("promote");
  }

  @Test
  void theModelsFileIsReadAgainWhenItChanges() throws IOException {
    Path file = modelsFile("jung.model=ft:one\n");
    ModelResolver resolver =
        ModelResolver.builder()
            .environment(Map.of())
            .systemProperties(new Properties())
            .modelsFile(file)
            .build();
    assertThat(resolver.resolve(JUNG).model()).isEqualTo("ft:one");
    Files.writeString(file, "jung.model=ft:second\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(resolver.resolve(JUNG).model()).isEqualTo("ft:second");
  }

  @Test
  void anEndpointGoesWithTheModelOfItsLayerAndNotWithAnOverride() throws IOException {
    Path file = modelsFile("jung.model=ft:vllm-jung\njung.base-url=http://gpu:8000/v1/\n");
    ModelResolver fileOnly =
        ModelResolver.builder()
            .environment(Map.of())
            .systemProperties(new Properties())
            .modelsFile(file)
            .build();
    assertThat(fileOnly.resolve(JUNG).baseUrl()).contains("http://gpu:8000/v1/");
    assertThat(fileOnly.resolve(FREUD).baseUrl()).isEmpty();

    ModelResolver overridden =
        ModelResolver.builder()
            .environment(Map.of("OPENAI_JUNG_MODEL", "ft:gpt-4o:acme:jung:2"))
            .systemProperties(new Properties())
            .modelsFile(file)
            .build();
    assertThat(overridden.resolve(JUNG).model()).isEqualTo("ft:gpt-4o:acme:jung:2");
    assertThat(overridden.resolve(JUNG).baseUrl()).isEmpty();

    ModelResolver envEndpoint =
        ModelResolver.builder()
            .environment(
                Map.of(
                    "OPENAI_JUNG_BASE_URL", "http://other:9000/v1/",
                    "OPENAI_JUNG_API_KEY", "sk-jung-only"))
            .systemProperties(new Properties())
            .modelsFile(file)
            .build();
    ModelChoice choice = envEndpoint.resolve(JUNG);
    assertThat(choice.model()).isEqualTo("ft:vllm-jung");
    assertThat(choice.baseUrl()).contains("http://other:9000/v1/");
    assertThat(choice.apiKey()).contains("sk-jung-only");
    assertThat(choice.toString()).doesNotContain("sk-jung-only").contains("apiKey=[set]");

    ModelResolver property =
        ModelResolver.builder()
            .environment(Map.of())
            .systemProperties(props("reve.baseUrl.freud", "http://local:11434/v1"))
            .withoutModelsFile()
            .build();
    assertThat(property.resolve(FREUD).baseUrl()).contains("http://local:11434/v1");
    assertThat(property.resolve(FREUD).source()).isEqualTo(ModelSource.BASE_MODEL);
  }

  @Test
  void namesFollowTheAnalystId() {
    AnalystProfile custom =
        new AnalystProfile("night-owl", "N", "T", "E", "S", "A", "B", "You are a night owl.");
    assertThat(custom.modelEnvironmentVariable()).isEqualTo("OPENAI_NIGHT_OWL_MODEL");
    assertThat(custom.baseUrlEnvironmentVariable()).isEqualTo("OPENAI_NIGHT_OWL_BASE_URL");
    assertThat(custom.apiKeyEnvironmentVariable()).isEqualTo("OPENAI_NIGHT_OWL_API_KEY");
    assertThat(custom.modelSystemProperty()).isEqualTo("reve.model.night-owl");
    assertThat(custom.baseUrlSystemProperty()).isEqualTo("reve.baseUrl.night-owl");
    assertThat(custom.modelsFileModelKey()).isEqualTo("night-owl.model");
    assertThat(custom.modelsFileBaseUrlKey()).isEqualTo("night-owl.base-url");
    ModelChoice choice =
        ModelResolver.builder()
            .environment(Map.of("OPENAI_NIGHT_OWL_MODEL", "ft:owl"))
            .systemProperties(new Properties())
            .withoutModelsFile()
            .build()
            .resolve(custom);
    assertThat(choice.model()).isEqualTo("ft:owl");
  }

  @Test
  void theResolverIsPluggable() {
    ModelResolver fixed = analyst -> ModelChoice.base(analyst.id(), "llama-3.1-8b", "my config");
    assertThat(fixed.resolve(FREUD).model()).isEqualTo("llama-3.1-8b");
  }
}
