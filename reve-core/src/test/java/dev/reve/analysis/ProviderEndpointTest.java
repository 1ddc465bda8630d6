package dev.reve.analysis;

import static dev.reve.analysis.Fixtures.DREAM;
import static dev.reve.analysis.Fixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.AuthStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The models-file keys promotion writes for another provider: base URL, key variable, auth. */
class ProviderEndpointTest {
  private final MockWebServer openai = new MockWebServer();
  private final MockWebServer azure = new MockWebServer();
  private OpenAiClient client;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    openai.start();
    azure.start();
    client = Fixtures.client(openai);
  }

  @AfterEach
  void stop() {
    client.close();
    openai.close();
    azure.close();
  }

  private DreamAnalysts analysts(Path modelsFile, Map<String, String> env) {
    return DreamAnalysts.builder(client)
        .resolver(ModelResolver.builder()
            .environment(env)
            .systemProperties(new java.util.Properties())
            .modelsFile(modelsFile)
            .build())
        .checkShutdownDates(false)
        .build();
  }

  @Test
  void anAnalystPromotedOnAzureIsCalledWithTheApiKeyHeaderAndTheNamedVariablesKey() throws Exception {
    Path models = dir.resolve("reve-models.properties");
    Files.writeString(models, String.join("\n",
        "jung.model=jung-deployment",
        "jung.base-url=" + azure.url("/openai/v1/"),
        "jung.api-key-env=AZURE_OPENAI_API_KEY",
        "jung.auth=api-key", ""));
    azure.enqueue(answer("jung-deployment", "From Jung on Azure."));
    try (DreamAnalysts analysts = analysts(models, Map.of("AZURE_OPENAI_API_KEY", "azure-secret-1234"))) {
      Analysis jung = analysts.analyst("jung").analyze(DREAM);
      assertThat(jung.text()).isEqualTo("From Jung on Azure.");
    }
    RecordedRequest request = azure.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/v1/chat/completions");
    assertThat(request.getHeaders().get("api-key")).isEqualTo("azure-secret-1234");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(openai.getRequestCount()).isZero();
  }

  @Test
  void aBadAuthStyleInTheModelsFileNamesTheKeyAndTheValues() throws Exception {
    Path models = dir.resolve("reve-models.properties");
    Files.writeString(models, "jung.model=m\njung.base-url=" + azure.url("/v1/") + "\njung.auth=basic\n");
    try (DreamAnalysts analysts = analysts(models, Map.of())) {
      assertThatThrownBy(() -> analysts.analyst("jung").analyze(DREAM))
          .isInstanceOf(ModelConfigurationException.class)
          .hasMessageContaining("jung.auth=basic")
          .hasMessageContaining("api-key");
    }
  }

  @Test
  void theClientSendsTheKeyInTheHeaderItsStyleNames() throws Exception {
    azure.enqueue(answer("m", "ok"));
    try (OpenAiClient azureClient = OpenAiClient.builder()
        .baseUrl(azure.url("/openai/v1/").toString())
        .apiKey("k-azure-5678")
        .authStyle(AuthStyle.API_KEY)
        .maxRetries(0)
        .build()) {
      azureClient.models().list();
    } catch (RuntimeException ignored) {
      // the answer is a chat completion, not a model list: only the request matters here
    }
    RecordedRequest request = azure.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("api-key")).isEqualTo("k-azure-5678");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(AuthStyle.of("API-KEY")).isEqualTo(AuthStyle.API_KEY);
    assertThatThrownBy(() -> AuthStyle.of("basic")).hasMessageContaining("bearer");
  }
}
