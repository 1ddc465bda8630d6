package dev.reve.analysis;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.error.OpenAiConfigurationException;
import dev.reve.openai.internal.Redactor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client each analyst is served by: the main client, or one derived from it for the analyst's
 * own endpoint. The main key goes only to the main server's origin; another server gets the
 * analyst's own key or none. Closing closes the derived clients, never the main one.
 */
final class AnalystEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DreamAnalysts.class);

  private final OpenAiClient main;
  private final Map<String, OpenAiClient> derived = new ConcurrentHashMap<>();
  private volatile boolean closed;

  AnalystEndpoints(OpenAiClient main) {
    this.main = main;
  }

  OpenAiClient main() {
    return main;
  }

  OpenAiClient endpointFor(AnalystProfile profile, ModelChoice choice) {
    if (choice.baseUrl().isEmpty()) {
      return main;
    }
    String url = choice.baseUrl().get().strip();
    HttpUrl parsed = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
    if (parsed == null) {
      throw new ModelConfigurationException(
          "The endpoint '" + Redactor.url(url) + "' for analyst '" + profile.id()
              + "' is not an http(s) URL; expected for example http://gpu-box:8000/v1/ (set by "
              + profile.baseUrlEnvironmentVariable() + ", " + profile.baseUrlSystemProperty()
              + " or " + profile.modelsFileBaseUrlKey() + " in the models file)");
    }
    if (parsed.equals(main.baseUrl()) && choice.apiKey().isEmpty() && choice.authStyle().isEmpty()) {
      return main;
    }
    String key = parsed + "\n" + choice.authStyle().map(a -> a.id()).orElse("") + "\n" + choice.apiKey().orElse("");
    OpenAiClient endpoint = derived.computeIfAbsent(key, k -> derive(profile, choice, parsed));
    if (closed) {
      // close() ran while this client was being made: do not leave it open.
      derived.remove(key, endpoint);
      endpoint.close();
      throw new IllegalStateException("these DreamAnalysts are closed");
    }
    return endpoint;
  }

  private OpenAiClient derive(AnalystProfile profile, ModelChoice choice, HttpUrl url) {
    HttpUrl home = main.baseUrl();
    boolean sameOrigin =
        url.scheme().equals(home.scheme()) && url.host().equals(home.host()) && url.port() == home.port();
    OpenAiClient.Builder b = main.newBuilder().baseUrl(url.toString());
    choice.authStyle().ifPresent(b::authStyle);
    if (choice.apiKey().isPresent()) {
      b.apiKey(choice.apiKey().get());
    } else if (!sameOrigin) {
      // The main key belongs to the main server; another server gets its own or none.
      b.apiKey(null);
    }
    if (!sameOrigin) {
      // Organization, project and custom headers (api-key, for one) are credentials too.
      b.withoutHeaders();
    }
    try {
      OpenAiClient client = b.build();
      LOG.debug("analyst '{}' is served by {}", profile.id(), Redactor.url(url));
      return client;
    } catch (OpenAiConfigurationException e) {
      throw new ModelConfigurationException(
          "Analyst '" + profile.id() + "' is served by " + Redactor.url(url) + ": " + e.getMessage()
              + ". A key for this endpoint alone goes in " + profile.apiKeyEnvironmentVariable(),
          e);
    }
  }

  @Override
  public void close() {
    closed = true;
    derived.values().forEach(OpenAiClient::close);
    derived.clear();
  }
}
