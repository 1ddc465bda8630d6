package dev.reve.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.openai.error.InsecureTransportException;
import dev.reve.openai.error.RedirectRefusedException;
import dev.reve.testing.ChatBodies;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which hosts count as this machine, redirects to other origins, passwords in base URLs. */
class OriginsAndCredentialsTest {
  private static final String KEY = "sk-origin-test-0123456789SECRET";
  private final MockWebServer home = new MockWebServer();
  private final MockWebServer other = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    home.start();
    other.start();
  }

  @AfterEach
  void stop() {
    home.close();
    other.close();
  }

  private static Dns dns(Map<String, String> names) {
    return host -> {
      String ip = names.get(host);
      if (ip == null) {
        throw new UnknownHostException(host);
      }
      return List.of(InetAddress.getByName(ip));
    };
  }

  @Test
  void aLocalhostSubdomainIsLoopbackOnlyWhenItResolvesToLoopback() {
    Dns dns = dns(Map.of("evil.localhost", "203.0.113.7", "box.localhost", "127.0.0.1"));

    assertThat(BaseUrls.isLoopback("evil.localhost", dns)).isFalse();
    assertThat(BaseUrls.isLoopback("box.localhost", dns)).isTrue();
    assertThat(BaseUrls.isLoopback("unknown.localhost", dns)).isFalse();
    assertThatThrownBy(() -> OpenAiClient.builder().apiKey(KEY)
            .okHttpClient(new OkHttpClient.Builder().dns(dns).build())
            .baseUrl("http://evil.localhost/v1/").build())
        .isInstanceOf(InsecureTransportException.class);
  }

  private static ChatRequest chat() {
    return ChatRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("my secret dream")).build();
  }

  @Test
  void aCrossOriginRedirectOfAPostIsRefusedAndNothingReachesTheOtherOrigin() throws Exception {
    home.enqueue(new MockResponse.Builder().code(307)
        .addHeader("Location", other.url("/steal").toString()).build());
    other.enqueue(new MockResponse.Builder().body(ChatBodies.completion("gpt-4o", "x", null, "stop", 1, 1)).build());
    OpenAiClient client = OpenAiClient.builder().apiKey(KEY).maxRetries(0).project("proj_1")
        .header("api-key", KEY).baseUrl(home.url("/v1/").toString()).build();

    Throwable e = catchThrowable(() -> client.chat().create(chat()));

    assertThat(e).isInstanceOf(RedirectRefusedException.class)
        .hasMessageContaining("another origin").hasMessageContaining(String.valueOf(other.getPort()));
    assertThat(other.getRequestCount()).isZero();
    client.close();
  }

  @Test
  void aSameOriginRedirectIsFollowed() throws Exception {
    home.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/v2/chat/completions").build());
    home.enqueue(new MockResponse.Builder().body(ChatBodies.completion("gpt-4o", "moved", null, "stop", 1, 1)).build());
    OpenAiClient client = OpenAiClient.builder().apiKey(KEY).maxRetries(0)
        .baseUrl(home.url("/v1/").toString()).build();

    assertThat(client.chat().create(chat()).text()).contains("moved");
    home.takeRequest();
    assertThat(home.takeRequest().getBody().utf8()).contains("my secret dream");
    client.close();
  }

  @Test
  void aPasswordInTheBaseUrlIsNeverShown() {
    String url = "http://reve-user:hunter2pass@127.0.0.1:" + home.getPort() + "/v1/";
    OpenAiClient client = OpenAiClient.builder().apiKey(KEY).baseUrl(url).build();

    assertThat(client.toString()).doesNotContain("hunter2pass").doesNotContain("reve-user");
    assertThat(OpenAiClient.builder().baseUrl(url).toString()).doesNotContain("hunter2pass");
    assertThatThrownBy(() -> OpenAiClient.builder().baseUrl("http://u:hunter2pass@bad host/").build())
        .hasMessageNotContaining("hunter2pass");
    client.close();
  }
}
