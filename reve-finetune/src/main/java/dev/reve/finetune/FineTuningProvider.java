package dev.reve.finetune;

import dev.reve.openai.OpenAiClient;
import dev.reve.openai.call.AuthStyle;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where fine-tuning happens, as configuration: the provider, its base URL and the name of the
 * environment variable holding its key. The same {@link FineTuningService} and run code works over
 * every one; promotion writes these into the models file so the analyst is then served from the
 * same place.
 *
 * @param kind the provider
 * @param baseUrl the API's base URL including its version segment
 * @param keyVariable the environment variable with the key (never the key itself)
 */
public record FineTuningProvider(ProviderKind kind, String baseUrl, String keyVariable) {

  /** Requires every part; the base URL ends with {@code /}. */
  public FineTuningProvider {
    Objects.requireNonNull(kind, "kind");
    baseUrl = dev.reve.openai.spi.Json.requireText(baseUrl, "baseUrl").strip();
    baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    keyVariable = dev.reve.openai.spi.Json.requireText(keyVariable, "keyVariable").strip();
  }

  /** OpenAI at its public URL. */
  public static FineTuningProvider openAi() {
    return of(ProviderKind.OPENAI, Map.of());
  }

  /** The provider {@code kind} at {@code baseUrl}, with the key in its default variable. */
  public static FineTuningProvider of(ProviderKind kind, String baseUrl) {
    return new FineTuningProvider(kind, baseUrl, kind.defaultKeyVariable());
  }

  /**
   * The provider {@code kind} configured from {@code env}: {@code REVE_FINETUNE_BASE_URL} (else the
   * provider's public URL; for OpenAI also {@code OPENAI_BASE_URL}) and {@code
   * REVE_FINETUNE_KEY_VARIABLE} (else the provider's default variable).
   *
   * @throws IllegalArgumentException when the provider has no public URL and none is set
   */
  public static FineTuningProvider of(ProviderKind kind, Map<String, String> env) {
    Optional<String> url = text(env.get(BASE_URL_VARIABLE));
    if (url.isEmpty() && kind == ProviderKind.OPENAI) {
      url = text(env.get("OPENAI_BASE_URL"));
    }
    String base = url.or(kind::defaultBaseUrl).orElseThrow(() -> new IllegalArgumentException(
        kind.displayName() + " has no public base URL: set " + BASE_URL_VARIABLE + " (or --base-url)"
            + " to yours, for example "
            + (kind == ProviderKind.AZURE ? "https://RESOURCE.openai.azure.com/openai/v1/" : "https://trainer.example/v1/")));
    String key = text(env.get(KEY_VARIABLE_VARIABLE)).orElse(kind.defaultKeyVariable());
    return new FineTuningProvider(kind, base, key);
  }

  /** The environment variable naming the fine-tuning provider: {@code REVE_FINETUNE_PROVIDER}. */
  public static final String PROVIDER_VARIABLE = "REVE_FINETUNE_PROVIDER";
  /** The environment variable with the provider's base URL: {@code REVE_FINETUNE_BASE_URL}. */
  public static final String BASE_URL_VARIABLE = "REVE_FINETUNE_BASE_URL";
  /** The environment variable naming the key variable: {@code REVE_FINETUNE_KEY_VARIABLE}. */
  public static final String KEY_VARIABLE_VARIABLE = "REVE_FINETUNE_KEY_VARIABLE";

  /** How the key is sent to this provider. */
  public AuthStyle authStyle() {
    return kind.authStyle();
  }

  /**
   * A client builder for this provider: base URL, auth style and the key read from {@code env}'s
   * {@link #keyVariable()}.
   */
  public OpenAiClient.Builder clientBuilder(Map<String, String> env) {
    return OpenAiClient.builder()
        .baseUrl(baseUrl)
        .authStyle(authStyle())
        .apiKey(text(env.get(keyVariable)).orElse(null));
  }

  /**
   * What the user must do before a trained model answers, for providers whose data plane cannot
   * do it (Azure: a deployment); empty where the model answers at once.
   */
  public Optional<String> deploymentStep(String model) {
    if (!kind.needsDeployment()) {
      return Optional.empty();
    }
    return Optional.of(
        "Deploy " + model + " before it answers: in Azure AI Foundry (Deployments > Deploy model >"
            + " Deploy fine-tuned model) or with the control-plane REST call PUT .../deployments/NAME"
            + " (model format OpenAI, the fine-tuned model id as model name); then set the models"
            + " file's model to the deployment NAME, which is what chat calls use");
  }

  private static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  @Override
  public String toString() {
    return kind.id() + " at " + baseUrl + " (key in " + keyVariable + ")";
  }
}
