package dev.reve.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reve.openai.chat.ChatMessage;
import dev.reve.openai.chat.ChatRequest;
import dev.reve.testing.ChatBodies;
import dev.reve.testing.MockOpenAi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sockets the client connects with: TCP_NODELAY unless the caller brought a socket factory. */
class SocketOptionsTest {
  @RegisterExtension final MockOpenAi api = new MockOpenAi();

  private final List<Boolean> noDelay = new CopyOnWriteArrayList<>();

  private final EventListener recorder = new EventListener() {
    @Override
    public void connectionAcquired(Call call, Connection connection) {
      try {
        noDelay.add(connection.socket().getTcpNoDelay());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  };

  private void call(OpenAiClient client) {
    api.server().enqueue(new MockResponse.Builder()
        .body(ChatBodies.completion("m", "an answer", null, "stop", 1, 2)).build());
    // Larger than one okio segment, so the request goes out in more than one write.
    String dream = "a long dream ".repeat(1_000);
    client.chat().create(ChatRequest.builder().model("m").addMessage(ChatMessage.user(dream)).build());
  }

  @Test
  void theClientsOwnSocketsSendWithoutNagle() {
    try (OpenAiClient client = api.builder()
        .okHttpClient(new OkHttpClient.Builder().eventListener(recorder).build()).build()) {
      call(client);
    }
    assertThat(noDelay).containsExactly(true);
  }

  @Test
  void aCallersSocketFactoryIsLeftAsItIs() {
    SocketFactory plain = new SocketFactory() {
      @Override
      public Socket createSocket() {
        return new Socket();
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }
    };
    try (OpenAiClient client = api.builder()
        .okHttpClient(new OkHttpClient.Builder().socketFactory(plain).eventListener(recorder).build())
        .build()) {
      call(client);
    }
    assertThat(noDelay).containsExactly(false);
  }
}
