package dev.reve.openai;

import dev.reve.openai.error.ApiConnectionException;
import dev.reve.openai.error.InsecureTransportException;
import dev.reve.openai.error.OpenAiConfigurationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.testing.CapturedLogs;
import dev.reve.testing.MockOpenAi;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoggingAndSecretsTest {
  @RegisterExtension final MockOpenAi api = new MockOpenAi();

  @BeforeEach
  void start() {
    CapturedLogs.clear();
  }

  @Test
  void debugLineNamesMethodPathStatusAndRequestIdAndTraceHasBodiesButNeverTheKey() {
    api.server().enqueue(new MockResponse.Builder().code(500).addHeader("x-request-id", "req_a")
        .body("{\"error\":{\"message\":\"key " + MockOpenAi.KEY + " is odd\"}}").build());
    api.server().enqueue(new MockResponse.Builder().addHeader("x-request-id", "req_b").body(RetryTest.OK).build());

    api.client().chat().create(ChatRequest.builder().model("gpt-4o-mini")
        .addMessage(ChatMessage.user("my dream about the sea")).build());

    String logs = CapturedLogs.text();
    assertThat(CapturedLogs.at("DEBUG"))
        .anySatisfy(e -> assertThat(e.message())
            .contains("POST /v1/chat/completions", "-> 200", "req_b", "ms"));
    assertThat(CapturedLogs.at("TRACE"))
        .anySatisfy(e -> assertThat(e.message()).contains("my dream about the sea"))
        .anySatisfy(e -> assertThat(e.message()).contains("Authorization=[redacted]"));
    assertThat(CapturedLogs.at("DEBUG")).noneSatisfy(e -> assertThat(e.message()).contains("the sea"));
    assertThat(logs).doesNotContain(MockOpenAi.KEY).doesNotContain("SECRET");
  }

  @Test
  void theKeyIsSentAsABearerToken() throws Exception {
    api.server().enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());

    api.client().models().list();

    assertThat(api.server().takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer " + MockOpenAi.KEY);
  }

  @Test
  void toStringOfClientAndBuilderHideTheKey() {
    assertThat(api.client().toString()).doesNotContain(MockOpenAi.KEY).contains("[set]");
    assertThat(api.builder().toString()).doesNotContain(MockOpenAi.KEY);
  }

  @Test
  void connectionErrorsDoNotCarryTheKey() throws Exception {
    String url = api.server().url("/v1/").toString();
    api.server().close();
    OpenAiClient offline = OpenAiClient.builder().apiKey(MockOpenAi.KEY).baseUrl(url).maxRetries(0).build();

    Throwable e = catchThrowable(() -> offline.models().list());

    assertThat(e).isInstanceOf(ApiConnectionException.class);
    assertThat(String.valueOf(e)).doesNotContain(MockOpenAi.KEY);
    offline.close();
  }

  @Test
  void aKeyOverPlainHttpToARemoteHostIsRefused() {
    assertThatThrownBy(() -> OpenAiClient.builder().apiKey("sk-abc123456").baseUrl("http://example.com/v1/").build())
        .isInstanceOf(InsecureTransportException.class)
        .hasMessageContaining("plain http")
        .hasMessageContaining("allowInsecureHttp")
        .hasMessageNotContaining("sk-abc123456");
    OpenAiClient allowed = OpenAiClient.builder().apiKey("sk-abc123456")
        .baseUrl("http://example.com/v1/").allowInsecureHttp(true).build();
    allowed.close();
    OpenAiClient loopback = OpenAiClient.builder().apiKey("sk-abc123456").baseUrl("http://127.0.0.1:4010/").build();
    assertThat(loopback.baseUrl().toString()).isEqualTo("http://127.0.0.1:4010/");
    loopback.close();
  }

  @Test
  void aHostNameThatMerelyStartsLikeLoopbackIsRemote() {
    assertThatThrownBy(() -> OpenAiClient.builder().apiKey("sk-abc123456")
            .baseUrl("http://127.0.0.1.attacker.example/v1/").build())
        .isInstanceOf(InsecureTransportException.class);
    assertThat(BaseUrls.isLoopback("127.10.20.30")).isTrue();
    assertThat(BaseUrls.isLoopback("127.0.0.1.nip.io")).isFalse();
    assertThat(BaseUrls.isLoopback("127.0.0.256")).isFalse();
    assertThat(BaseUrls.isLoopback("localhost")).isTrue();
    assertThat(BaseUrls.isLoopback("[::1]")).isTrue();
  }

  @Test
  void aDerivedClientSharesThePoolAndClosingItLeavesTheOriginalWorking() throws Exception {
    api.server().enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());
    api.server().enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());
    OpenAiClient derived = api.client().newBuilder().build();

    derived.models().list();
    derived.close();
    api.client().models().list();

    assertThat(api.server().getRequestCount()).isEqualTo(2);
    // One shared pool: the second request reuses the first one's connection.
    api.server().takeRequest();
    assertThat(api.server().takeRequest().getConnectionIndex()).isZero();
  }

  @Test
  void aMissingKeyForOpenAiSaysHowToSetIt() {
    assertThatThrownBy(() -> OpenAiClient.builder().fromEnvironment(Map.of()).build())
        .isInstanceOf(OpenAiConfigurationException.class)
        .hasMessageContaining("OPENAI_API_KEY")
        .hasMessageContaining("OPENAI_BASE_URL");
  }

  @Test
  void environmentConfiguresKeyBaseUrlOrganisationAndProject() throws Exception {
    OpenAiClient fromEnv = OpenAiClient.builder().fromEnvironment(Map.of(
        "OPENAI_API_KEY", "sk-env-key-123456",
        "OPENAI_BASE_URL", api.server().url("/v1").toString(),
        "OPENAI_ORG_ID", "org-1",
        "OPENAI_PROJECT_ID", "proj-2")).build();
    api.server().enqueue(new MockResponse.Builder().body("{\"data\":[{\"id\":\"gpt-4o\"}]}").build());

    assertThat(fromEnv.models().list()).extracting(m -> m.id()).containsExactly("gpt-4o");

    var request = api.server().takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/models");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-env-key-123456");
    assertThat(request.getHeaders().get("OpenAI-Organization")).isEqualTo("org-1");
    assertThat(request.getHeaders().get("OpenAI-Project")).isEqualTo("proj-2");
    assertThat(request.getHeaders().get("User-Agent")).startsWith("reve-sdk/");
    fromEnv.close();
  }

  @Test
  void aCallersOkHttpClientIsUsedWithItsInterceptors() throws Exception {
    okhttp3.OkHttpClient own = new okhttp3.OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("X-Corp", "yes").build()))
        .build();
    OpenAiClient derived = api.builder().okHttpClient(own).build();
    api.server().enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());

    derived.models().list();

    assertThat(api.server().takeRequest().getHeaders().get("X-Corp")).isEqualTo("yes");
    derived.close();
    assertThat(own.dispatcher().executorService().isShutdown()).isFalse();
  }

  @Test
  void newBuilderDerivesAClientWithOtherSettings() throws Exception {
    MockWebServer other = new MockWebServer();
    other.start();
    other.enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());
    OpenAiClient second = api.client().newBuilder().baseUrl(other.url("/v1/").toString()).build();

    second.models().list();

    assertThat(other.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + MockOpenAi.KEY);
    second.close();
    other.close();
  }
}
